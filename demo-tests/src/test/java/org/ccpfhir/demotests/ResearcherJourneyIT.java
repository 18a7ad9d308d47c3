package org.ccpfhir.demotests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 9 "Done when": the demo network started by {@code ./ccp-demo}, driven in headless chromium.
 * A researcher counts with an OR group and sees the three plots, sends the query as a decentralized
 * search; HD's approver approves with a count, TUE's rejects; the researcher sees both answers,
 * opened in the browser. Screenshots of every page: {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResearcherJourneyIT {

  static final String CENTRAL = "https://localhost:8070";
  static final String HD = "https://localhost:8443";
  static final String TUE = "https://localhost:8444";

  static DemoNetwork network;
  static Browser browser;
  static String searchId;
  static Path repository;

  @BeforeAll
  static void startDemoNetwork() throws Exception {
    repository = Path.of(System.getProperty("ccp.repository", "..")).toRealPath();
    Path dir = Path.of(System.getProperty("ccp.demo.dir", "target/demo-data")).toAbsolutePath();
    int patients = Integer.getInteger("ccp.demo.patients", 30);
    // the browser first: missing binaries fail the suite before minutes of start-up
    browser = new Browser(Path.of(System.getProperty("ccp.screenshots", "target/screenshots")));
    if (Boolean.getBoolean("ccp.demo.running")) {
      // developing the pages: against a demo network started by hand (./ccp-demo)
      return;
    }
    network = DemoNetwork.start(repository, dir, patients);
    Duration ready = network.awaitReady();
    System.out.println("demo network ready after " + ready.toSeconds() + " s");
  }

  @AfterAll
  static void stopDemoNetwork() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (network != null) {
        network.close();
      }
    }
  }

  @Test
  @Order(1)
  void researcherCountsWithAnOrGroupAndSeesThreePlots() throws Exception {
    browser.open(CENTRAL + "/index.html");
    browser.find("#login");
    browser.screenshot("01-researcher-login");
    browser.logIn("researcher", "researcher-demo");
    addTerm(1, "C50", "ICD-10-GM C50");
    addTerm(1, "lung", "Lunge");
    addTerm(1, "whole-blood", "Vollblut");
    assertThat(browser.find("#combine-1").getAttribute("value")).isEqualTo("OR");
    browser.click("#add-group");
    addTerm(2, "male", "männlich (male)");
    browser.click("#exclude-2");
    browser.click("#run");

    String patients = browser.until(d -> nonEmpty(d.findElement(By.id("total-patients"))));
    assertThat(patients).matches("<10|\\d+");
    assertThat(browser.find("#total-samples").getText()).matches("<10|\\d+");
    for (String plot : List.of("plot-age", "plot-sex", "plot-site")) {
      WebElement figure = browser.find("#" + plot);
      assertThat(figure.findElements(By.cssSelector("svg rect.bar, svg rect.below")))
          .as(plot + " has bars")
          .isNotEmpty();
    }
    // the site bars name the site and its contact; every released number is a count or "<10"
    assertThat(browser.find("#plot-site table").getText())
        .contains("Demo cancer centre")
        .contains("@");
    List<WebElement> cells =
        browser.driver.findElements(By.cssSelector("table.plot-data td:nth-child(2)"));
    assertThat(cells).isNotEmpty();
    cells.forEach(cell -> assertThat(cell.getText()).matches("<10|\\d+"));
    browser
        .driver
        .findElements(By.cssSelector("svg rect.below"))
        .forEach(bar -> assertThat(bar.getDomProperty("textContent")).endsWith(": <10"));
    assertThat(browser.find("#login").isDisplayed()).isFalse();
    assertThat(browser.find("#fhir-query").getText())
        .contains("$evaluate-measure")
        .contains(
            "(Condition?code:below=C50 OR Condition?code:below=C33,C34 OR"
                + " Specimen?type=whole-blood) AND NOT (Patient?gender=male)");
    // every stratum lists its full cell set (issue 17): the excluded sex is a row, floored alike
    assertThat(
            browser.driver.findElements(By.cssSelector("#plot-sex tr")).stream()
                .filter(row -> !row.findElements(By.cssSelector("td")).isEmpty())
                .filter(
                    row ->
                        row.findElement(By.cssSelector("td:first-child")).getText().equals("male"))
                .map(row -> row.findElement(By.cssSelector("td:nth-child(2)")).getText()))
        .as("the excluded sex is not counted")
        .containsExactly("<10");
    browser.screenshot("02-researcher-counts");
  }

  @Test
  @Order(2)
  void researcherSendsTheQueryAsDecentralizedSearch() throws Exception {
    browser.type(
        "#prose", "Browser test: women with breast or lung cancer, or with whole blood samples.");
    browser.click("#send-button");
    WebElement link = browser.find("#follow-link");
    searchId = link.getText().replace("Follow search ", "").trim();
    assertThat(searchId).isNotBlank();
    browser.screenshot("03-researcher-search-sent");
  }

  @Test
  @Order(3)
  void approverAtHeidelbergApprovesWithACount() throws Exception {
    WebElement request = awaitRequest(HD);
    request.findElement(By.name("releaseCount")).click();
    request.findElement(By.name("message")).sendKeys("Please contact the HD tumour board.");
    request.findElement(By.name("approve")).click();
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Decision sent"));
    browser.screenshot("04-approver-hd-approved");
  }

  @Test
  @Order(4)
  void approverAtTuebingenRejects() throws Exception {
    WebElement request = awaitRequest(TUE);
    request.findElement(By.name("reason")).sendKeys("No capacity for this study.");
    request.findElement(By.name("reject")).click();
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Decision sent"));
    browser.screenshot("05-approver-tue-rejected");
  }

  @Test
  @Order(5)
  void researcherSeesBothAnswers() throws Exception {
    browser.open(CENTRAL + "/searches.html");
    String hd = "#search-" + searchId + " tr[data-site=HD]";
    String tue = "#search-" + searchId + " tr[data-site=TUE]";
    browser.until(
        d -> d.findElement(By.cssSelector(hd + " .site-status")).getText().startsWith("completed"));
    browser.until(
        d -> d.findElement(By.cssSelector(tue + " .site-status")).getText().startsWith("rejected"));
    assertThat(browser.find(hd + " .site-count").getText()).matches("<10|\\d+");
    assertThat(browser.find(hd + " .site-message").getText())
        .contains("Please contact the HD tumour board.")
        .contains("signed by bridgehead.HD")
        .doesNotContain("NOT valid");
    assertThat(browser.find(tue + " .site-message").getText())
        .contains("No capacity for this study.");
    browser.screenshot("06-researcher-answers");
  }

  /**
   * README "Using the bridgehead" as written (issue 23): the code block runs against this network
   * and its count includes the patient it has just stored. Last, so that the extra HD patient
   * changes nothing the journey sees.
   */
  @Test
  @Order(100)
  void theReadmeSequenceRunsAsWrittenAndCountsThePatientItStored() throws Exception {
    String block = ReadmeSequence.block(repository.resolve("README.md"), "## Using the bridgehead");
    long before = count().lastTotal();

    ReadmeSequence.Result result =
        ReadmeSequence.run(repository, block, demoEnvironment(), "-e", "-o", "pipefail");

    assertThat(result.exit()).as(result.output()).isZero();
    boolean created = result.output().matches("(?s).*\"status\"\\s*:\\s*\"201 Created.*");
    if (network != null) {
      assertThat(created).as("a fresh network has no patient of seed 7").isTrue();
    }
    assertThat(result.lastTotal()).as(result.output()).isEqualTo(before + (created ? 1 : 0));
  }

  /** Without the right CA the sequence stops at the token, saying so, and posts nothing. */
  @Test
  @Order(101)
  void theReadmeSequenceStopsLoudlyWithoutAToken() throws Exception {
    String block = ReadmeSequence.block(repository.resolve("README.md"), "## Using the bridgehead");
    Map<String, String> wrongCa = demoEnvironment();
    wrongCa.put("CCP_DEMO_DIR", repository.resolve("no-such-demo").toString());

    // as pasted into a shell (no -e): the token check itself must stop it
    ReadmeSequence.Result result =
        ReadmeSequence.run(repository, block.substring(block.indexOf("CA=")), wrongCa);

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("curl: (77)").contains("no token");
    assertThat(result.output()).doesNotContain("\"total\"").doesNotContain("transaction-response");
  }

  /** README "Operations": the prometheus client and the certificate in the health of every site. */
  @Test
  @Order(102)
  void everyBridgeheadHasThePrometheusClientAndShowsItsCertificateInItsHealth() throws Exception {
    String script =
        """
        CA=${CCP_DEMO_DIR:-data/demo}/network-ca/ca.pem
        for port in 8443 8444 8445; do
          BASE=https://localhost:$((port + ${CCP_DEMO_PORT_OFFSET:-0}))
          TOKEN=$(curl -sSf --cacert "$CA" -d grant_type=client_credentials -d client_id=prometheus \
            -d client_secret=prometheus-demo "$BASE/oauth2/token" | jq -er .access_token)
          curl -sSf --cacert "$CA" -H "Authorization: Bearer $TOKEN" "$BASE/actuator/prometheus" |
            grep -c '^ccp_certificate_remaining_days'
          curl -sSf --cacert "$CA" "$BASE/actuator/health" | jq -er '.components.certificate.status'
          curl -sSf --cacert "$CA" -H "Authorization: Bearer $TOKEN" "$BASE/actuator/health" |
            jq -er '"days left \\(.components.certificate.details.daysLeft)"'
        done
        """;

    ReadmeSequence.Result result =
        ReadmeSequence.run(repository, script, demoEnvironment(), "-e", "-o", "pipefail");

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output().lines().filter(l -> l.equals("UP"))).hasSize(3);
    assertThat(result.output().lines().filter(l -> l.matches("days left [1-9]\\d*"))).hasSize(3);
  }

  /** The data manager's count at HD, as the README asks for it. */
  private static ReadmeSequence.Result count() throws Exception {
    String script =
        """
        CA=${CCP_DEMO_DIR:-data/demo}/network-ca/ca.pem
        HD=https://localhost:$((8443 + ${CCP_DEMO_PORT_OFFSET:-0}))
        TOKEN=$(curl -sSf --cacert "$CA" -d grant_type=password -d username=datamanager \
          -d password=datamanager-demo "$HD/oauth2/token" | jq -er .access_token)
        curl -sSf --cacert "$CA" -H "Authorization: Bearer $TOKEN" "$HD/fhir/Patient?_summary=count"
        """;
    ReadmeSequence.Result result =
        ReadmeSequence.run(repository, script, demoEnvironment(), "-e", "-o", "pipefail");
    assertThat(result.exit()).as(result.output()).isZero();
    return result;
  }

  /**
   * The variables a reader of the README would have set: this suite's network directory, or, for a
   * network started by hand ({@code ccp.demo.running}), whatever the Maven run was started with.
   */
  private static Map<String, String> demoEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("MAVEN_ARGS", "-o");
    if (network != null) {
      environment.put("CCP_DEMO_DIR", network.dir().toString());
      environment.put("CCP_DEMO_PORT_OFFSET", "0");
    }
    return environment;
  }

  private static void addTerm(int group, String filter, String expected) {
    browser.type("#search-" + group, filter);
    browser
        .until(
            d ->
                d.findElements(By.cssSelector("#suggestions-" + group + " button")).stream()
                    .filter(b -> b.getText().contains(expected))
                    .findFirst()
                    .orElse(null))
        .click();
    browser.until(
        d -> d.findElement(By.id("terms-" + group)).getText().contains(expected) ? true : null);
  }

  /** Logs in at a bridgehead's approver page until the search has arrived there. */
  private static WebElement awaitRequest(String bridgehead) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    By request = By.xpath("//article[contains(., '" + searchId + "') and .//form]");
    while (true) {
      browser.open(bridgehead + "/approval.html");
      browser.logIn("approver", "approver-demo");
      browser.until(d -> nonEmpty(d.findElement(By.id("status"))));
      List<WebElement> found = browser.driver.findElements(request);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      assertThat(Instant.now()).as("search " + searchId + " at " + bridgehead).isBefore(deadline);
    }
  }

  private static String nonEmpty(WebElement element) {
    String text = element.getText();
    return text == null || text.isBlank() ? null : text;
  }
}
