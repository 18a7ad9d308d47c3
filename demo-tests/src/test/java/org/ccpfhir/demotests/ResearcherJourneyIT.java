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

  // with -Dccp.demo.running=true the network may run with CCP_DEMO_PORT_OFFSET (as ./ccp-demo);
  // the suite's own network with -Dccp.demo.port-offset
  static final int OFFSET =
      Boolean.getBoolean("ccp.demo.running")
          ? Integer.parseInt(System.getenv().getOrDefault("CCP_DEMO_PORT_OFFSET", "0"))
          : DemoNetwork.PORT_OFFSET;
  static final String CENTRAL = "https://localhost:" + (8070 + OFFSET);
  static final String HD = "https://localhost:" + (8443 + OFFSET);
  static final String TUE = "https://localhost:" + (8444 + OFFSET);
  static final String LINKAGE = "https://localhost:" + (8092 + OFFSET);

  static DemoNetwork network;
  static Browser browser;
  // issue 23 finding 8: a second browser set to German (de-DE) runs each role's main path again
  static Browser german;
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
      if (german != null) {
        german.close();
      }
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
      assertThat(figure.findElements(By.cssSelector("svg rect.bar, svg g.below")))
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
    // "<10" is a range 0–9 (hatched band with end caps), labelled so, never a bar like "10"
    browser
        .driver
        .findElements(By.cssSelector("svg g.below"))
        .forEach(
            range -> {
              assertThat(range.getDomProperty("textContent"))
                  .endsWith("fewer than 10 (0 to 9, not released)");
              assertThat(range.findElements(By.cssSelector("rect.bar"))).isEmpty();
            });
    if (!browser.driver.findElements(By.cssSelector("svg g.below")).isEmpty()) {
      assertThat(browser.find(".plot-legend").getText()).contains("<10 (0–9)");
    }
    assertThat(browser.find("#criteria-words").getText())
        .contains("diagnosis ICD-10-GM C50", "sample of type whole blood", "not men");
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
    browser.type("#requester-name", "Dr. Anna Muster");
    browser.type("#requester-institution", "Uniklinikum Browserstadt");
    browser.type("#project", "Browser test cohort");
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
    // who asks: login name, name, institution and project (issue 23 finding 7)
    assertThat(request.findElement(By.tagName("h2")).getText())
        .contains(
            "researcher", "Dr. Anna Muster", "Uniklinikum Browserstadt", "Browser test cohort");
    // the approver reads the criteria in words, the FHIR expression beside them
    assertThat(request.findElement(By.cssSelector(".criteria-words")).getText())
        .contains("diagnosis ICD-10-GM C50")
        .doesNotContain("Condition?");
    assertThat(request.findElement(By.cssSelector(".criteria-fhir")).getText())
        .contains("Condition?code:below=C50");
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
   * Issue 23 finding 1: time and age criteria are found by what researchers type, their bounds can
   * be changed, and the chosen criteria are shown in words beside the FHIR expression.
   */
  @Test
  @Order(6)
  void researcherBuildsTimeAndAgeCriteriaAndSeesThemInWords() throws Exception {
    browser.open(CENTRAL + "/index.html");
    logInAs("researcher", "researcher-demo");
    suggestions(1, "2015", "diagnosed in 2015", "sample collected in 2015");
    suggestions(1, "age", "age 40–59 at diagnosis", "age 80 or older at diagnosis");
    addTerm(1, "diagnosed after 2015", "diagnosed from 2016 on");
    browser.click("#add-group");
    addTerm(2, "Alter", "age 40–59 at diagnosis");
    browser.click("#add-group");
    addTerm(3, "female", "weiblich (female)");
    // the age's upper bound changed on the page: words and FHIR follow
    WebElement to = browser.find("#terms-2 input[id$='-to']");
    to.clear();
    to.sendKeys("60");
    browser.until(
        d -> d.findElement(By.id("criteria-words")).getText().contains("age 40–60") ? true : null);
    assertThat(browser.find("#criteria-words").getText())
        .contains("diagnosed from 2016 on", "age 40–60 at diagnosis", "women");
    assertThat(browser.find("#criteria-fhir").getText())
        .contains(
            "Condition?onset-date=ge2016",
            "Patient?age-at-diagnosis=ge40&age-at-diagnosis=le60",
            "Patient?gender=female");
    browser.click("#run");
    browser.until(d -> nonEmpty(d.findElement(By.id("total-patients"))));
    assertThat(browser.find("#total-patients").getText()).matches("<10|\\d+");
    assertThat(browser.find("#status").getText()).contains("age 40–60 at diagnosis");
    browser.screenshot("07-researcher-time-and-age");
  }

  /**
   * Issue 23 finding 5: a patient registered in the pseudonymize page gets its consent in the
   * consent page; the withdrawal list says whose withdrawal it is.
   */
  @Test
  @Order(7)
  void aPatientPseudonymizedInThePageGetsAConsentAndAWithdrawalNamesIt() throws Exception {
    browser.open(HD + "/pseudonymize.html");
    logInAs("datamanager", "datamanager-demo");
    browser.type("#firstName", "Hedwig");
    browser.type("#lastName", "Browsertest" + System.nanoTime() % 100000);
    ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("document.getElementById('birthDate').value = '1961-03-14';");
    browser.click("#idat button[type=submit]");
    String pseudonym = browser.until(d -> nonEmpty(d.findElement(By.id("result"))));
    browser.screenshot("08-datamanager-pseudonymized");
    browser.click("#consent-link");
    browser.until(
        d ->
            d.findElement(By.id("status")).getText().contains("consent(s) recorded") ? true : null);
    assertThat(browser.find("#status").getText()).doesNotContain("No patient");
    browser.click("#record button[type=submit]");
    // the page lists the patient's consents again, then names the one just stored
    browser.until(
        d ->
            d.findElement(By.id("status")).getText().contains("recorded as Consent/")
                ? true
                : null);
    assertThat(browser.find("#consents").getText()).contains("network", "active");
    browser.screenshot("09-datamanager-consent-recorded");

    browser.open(HD + "/withdrawal.html");
    assertThat(browser.find("header.ccp nav").getText()).contains("Withdrawal", "Consent");
    browser.type("#pseudonym", pseudonym);
    browser.click("#start button[type=submit]");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Task/") ? true : null);
    String title = browser.find("#tasks .withdrawal-title").getText();
    assertThat(title).matches("(patient " + pseudonym + "|pseudonym retired) — anonymise — .*");
    browser.screenshot("10-datamanager-withdrawal");
    browser.open(HD + "/access-request.html");
    assertThat(browser.find("header.ccp nav").getText()).contains("Access requests");
  }

  /**
   * Issue 23 accessibility: axe-core on every page (logged in where a page shows more then) with no
   * serious or critical violation, at desktop width and at 390 px, where nothing may widen the
   * page. Results: {@code target/axe/*.json}, screenshots {@code target/screenshots/phone-*.png}.
   */
  @Test
  @Order(8)
  void everyPagePassesAxeAndFitsAPhone() throws Exception {
    List<String> failures = everyPage(browser, "", "en");
    assertThat(failures)
        .as("axe serious/critical violations, phone overflows, untranslated keys")
        .isEmpty();
  }

  /**
   * Every page (logged in with its role where a page shows more then) at desktop width and at 390
   * px: axe-core, the phone width, and the language (issue 23 finding 8): {@code <html lang>} is
   * {@code language}, the header has the language switch, no key is missing from the dictionary of
   * the language and no page shows a key instead of a text. Failures as lines; results of axe in
   * {@code target/axe/<prefix><page>-<width>.json}, phone screenshots {@code
   * <prefix>phone-<page>.png}.
   */
  private static List<String> everyPage(Browser browser, String prefix, String language)
      throws Exception {
    Accessibility axe =
        new Accessibility(
            browser,
            Path.of(System.getProperty("ccp.screenshots", "target/screenshots"))
                .resolveSibling("axe"));
    List<String> failures = new java.util.ArrayList<>();
    record Page(String name, String url, String user, String password) {}
    List<Page> pages =
        List.of(
            new Page("central-count", CENTRAL + "/index.html", "researcher", "researcher-demo"),
            new Page(
                "central-searches", CENTRAL + "/searches.html", "researcher", "researcher-demo"),
            new Page("hd-start", HD + "/index.html", null, null),
            new Page("hd-approval", HD + "/approval.html", "approver", "approver-demo"),
            new Page(
                "hd-pseudonymize", HD + "/pseudonymize.html", "datamanager", "datamanager-demo"),
            new Page("hd-consent", HD + "/consent.html", "datamanager", "datamanager-demo"),
            new Page("hd-withdrawal", HD + "/withdrawal.html", "datamanager", "datamanager-demo"),
            new Page(
                "hd-access-request",
                HD + "/access-request.html",
                "datamanager",
                "datamanager-demo"),
            new Page("hd-upload", HD + "/upload.html", "datamanager", "datamanager-demo"),
            new Page("hd-biobank", HD + "/biobank.html", "biobank", "biobank-demo"),
            new Page("hd-forms", HD + "/forms.html", "datamanager", "datamanager-demo"),
            new Page("hd-admin", HD + "/admin.html", "admin", "admin-demo"),
            new Page("linkage-review", LINKAGE + "/linkage-review.html", null, null));
    // -Dccp.axe.only=central: only the pages whose name starts so (working on some pages)
    String only = System.getProperty("ccp.axe.only", "");
    String age = "de".equals(language) ? "Alter 40–59 bei Diagnose" : "age 40–59 at diagnosis";
    try {
      for (Page page : pages.stream().filter(p -> p.name().startsWith(only)).toList()) {
        for (int width : new int[] {1280, Accessibility.PHONE_WIDTH}) {
          axe.width(width);
          browser.open(page.url());
          if (page.user() != null) {
            logInAs(browser, page.user(), page.password());
          }
          if (page.name().equals("central-count")) {
            addTerm(browser, 1, "C50", "ICD-10-GM C50");
            addTerm(browser, 1, "Alter", age);
            browser.click("#run");
            browser.until(d -> nonEmpty(d.findElement(By.id("total-patients"))));
          }
          Thread.sleep(500); // the page's first answers (lists, status lines)
          String name = prefix + page.name() + "-" + width;
          axe.seriousViolations(name).forEach(v -> failures.add(name + ": " + v));
          languageProblems(browser, language).forEach(p -> failures.add(name + ": " + p));
          if (width == Accessibility.PHONE_WIDTH) {
            long overflow = axe.horizontalOverflow();
            if (overflow > 0) {
              failures.add(name + ": " + overflow + " px wider than the 390 px window");
            }
            browser.screenshot(prefix + "phone-" + page.name());
          }
        }
      }
    } finally {
      axe.width(1280);
    }
    return failures;
  }

  /**
   * What is wrong with the language of the page shown: another {@code <html lang>}, no switch, keys
   * missing from the language's dictionary, a key shown instead of its text, dictionaries with
   * different keys.
   */
  @SuppressWarnings("unchecked")
  private static List<String> languageProblems(Browser browser, String language) {
    Map<String, Object> found =
        (Map<String, Object>)
            ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript(
                    "const i = window.ccpI18n;"
                        + " if (!i) return { lang: document.documentElement.lang, kit: false };"
                        + " const en = i.keys('en'), de = i.keys('de');"
                        + " const text = document.body.innerText;"
                        + " return { lang: document.documentElement.lang, kit: true,"
                        + " switcher: !!document.querySelector('header #lang-switch'),"
                        + " missing: i.missing(),"
                        + " shown: Array.from(document.querySelectorAll('[data-i18n]'))"
                        + "   .filter(e => e.textContent === e.dataset.i18n).map(e => e.dataset.i18n)"
                        + "   .concat(en.filter(k => text.includes(k))),"
                        + " unequal: en.filter(k => !de.includes(k))"
                        + "   .concat(de.filter(k => !en.includes(k))) };");
    List<String> problems = new java.util.ArrayList<>();
    if (!language.equals(found.get("lang"))) {
      problems.add("<html lang=\"" + found.get("lang") + "\">, expected " + language);
    }
    if (!Boolean.TRUE.equals(found.get("kit"))) {
      problems.add("no ccp/i18n.js on the page");
      return problems;
    }
    if (!Boolean.TRUE.equals(found.get("switcher"))) {
      problems.add("no language switch in the header");
    }
    for (String list : List.of("missing", "shown", "unequal")) {
      List<Object> keys = (List<Object>) found.get(list);
      if (!keys.isEmpty()) {
        problems.add(list + " keys " + keys);
      }
    }
    return problems;
  }

  /** The biobank registers a sample with an aliquot and lists it, the terms in English. */
  @Test
  @Order(9)
  void theBiobankRegistersASampleAndListsIt() throws Exception {
    String pseudonym = pseudonymize(browser, "Biobanktest");
    registerSample(browser, pseudonym, "Registered Specimen/", "whole blood", "available");
    browser.screenshot("11-biobank-sample-registered");
  }

  /**
   * Issue 22 item 2, forms: the data manager defines a form on forms.html (the demo's "Sample
   * quality" is listed), the biobank fills in an entry for a demo sample with a whole number that
   * is not one — the server's refusal shows at that field — then corrects it, and the entry is
   * listed with its answers.
   */
  @Test
  @Order(11)
  void theDataManagerDefinesAFormAndTheBiobankFillsItInForASample() throws Exception {
    formsJourney(browser, "", "13-forms-defined", "14-forms-refused-at-field", "15-forms-entry");
  }

  /**
   * Issue 22 items 3 and 5 at page level: a department user (demo {@code surgery}) is shown the
   * terms of use at the first login and sees the page only after accepting them, not again at the
   * next login; the admin lists the groups on admin.html, saves one with its treating units and
   * removes it.
   */
  @Test
  @Order(12)
  void termsOfUseAtFirstLoginAndTheAdminsGroups() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        network != null, "a fresh network: on a running demo the user may have accepted already");
    browser.open(HD + "/consent.html");
    logInAs("surgery", "surgery-demo");
    WebElement terms = browser.find("#terms");
    assertThat(terms.getText()).contains("Terms of use (version");
    assertThat(browser.driver.findElement(By.id("lookup")).isDisplayed())
        .as("the page waits for the acceptance")
        .isFalse();
    browser.screenshot("16-terms-of-use-at-first-login");
    browser.click("#accept-terms");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Terms of use accepted"));
    assertThat(browser.driver.findElements(By.id("terms"))).isEmpty();
    assertThat(browser.find("#lookup").isDisplayed()).isTrue();
    // the next login: accepted already
    ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("sessionStorage.removeItem('ccp-token');");
    browser.open(HD + "/consent.html");
    logInAs("surgery", "surgery-demo");
    browser.until(d -> d.findElement(By.id("lookup")).isDisplayed());
    assertThat(browser.driver.findElements(By.id("terms"))).isEmpty();

    browser.open(HD + "/admin.html");
    logInAs("admin", "admin-demo");
    browser.until(d -> d.findElement(By.id("groups")).getText().contains("surgery"));
    assertThat(browser.find("#groups").getText()).contains("oncology", "Treating units");
    String group = "browser-" + letters(System.nanoTime());
    browser.type("#group-name", group);
    browser.type("#group-units", "U-" + group + ", U2-" + group);
    browser.click("#group-form button[type=submit]");
    browser.until(d -> d.findElement(By.id("groups")).getText().contains("U2-" + group));
    assertThat(browser.find("#status").getText()).contains("Group " + group + " saved");
    browser.screenshot("17-admin-groups");
    browser.click("#group-remove");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("removed"));
    assertThat(browser.find("#groups").getText()).doesNotContain(group);
  }

  /**
   * Defines a form as data manager, fills it in as biobank for a sample of the demo data (first
   * wrong, then right) and lists the entry; screenshots {@code <prefix>…}.
   */
  private static void formsJourney(
      Browser browser, String prefix, String defined, String refused, String listed)
      throws Exception {
    // a sample of the demo data, as the biobank's list shows it
    browser.open(HD + "/biobank.html");
    logInAs(browser, "biobank", "biobank-demo");
    String sample =
        browser.until(
            d -> {
              List<WebElement> cells = d.findElements(By.cssSelector("#samples td:first-child"));
              return cells.isEmpty() ? null : cells.get(0).getText().replaceAll(" .*", "");
            });
    assertThat(sample).matches("Specimen/\\d+");

    browser.open(HD + "/forms.html");
    logInAs(browser, "datamanager", "datamanager-demo");
    assertThat(browser.find("header.ccp nav a[aria-current=page]").getAttribute("href"))
        .endsWith("forms.html");
    // the demo's example form (./ccp-demo, demo/forms/sample-quality.json)
    browser.until(
        d -> d.findElement(By.id("forms-list")).getText().contains("Sample quality") ? true : null);
    String name = "browser-" + letters(System.nanoTime());
    browser.type("#d-title", "Browser quality " + name);
    browser.type("#d-name", name);
    browser.type("#d-version", "1");
    browser.click("#add-field");
    browser.click("#add-field");
    String[][] fields = {
      {"rin", "RIN value", "decimal"},
      {"cycles", "Freeze-thaw cycles", "integer"},
      {"ok", "Quality sufficient", "choice"}
    };
    for (int i = 0; i < fields.length; i++) {
      String row = "#d-fields fieldset:nth-of-type(" + (i + 1) + ") ";
      browser.type(row + ".d-linkid", fields[i][0]);
      browser.type(row + ".d-text", fields[i][1]);
      browser.click(row + ".d-type option[value=" + fields[i][2] + "]");
      if (i > 0) {
        browser.click(row + ".d-required");
      }
    }
    browser.click(
        "#d-fields fieldset:nth-of-type(3) .d-valueset"
            + " option[value='https://ccp-fhir.org/fhir/ValueSet/JNUVS']");
    browser.click("#save-form");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Questionnaire/"));
    assertThat(browser.find("#forms-list").getText()).contains(name, "cycles");
    browser.screenshot(prefix + defined);

    browser.open(HD + "/forms.html");
    logInAs(browser, "biobank", "biobank-demo");
    // the biobank fills in forms, it does not define them
    assertThat(browser.find("#entry").isDisplayed()).isTrue();
    assertThat(browser.driver.findElement(By.id("define")).isDisplayed()).isFalse();
    String form = "https://ccp-fhir.org/fhir/forms/" + name + "|1";
    browser.click("#e-form option[value='" + form + "']");
    browser.until(
        d ->
            d.findElements(By.cssSelector("#e-item-2 option")).size() > 1
                && "cycles"
                    .equals(d.findElement(By.id("e-item-1")).getDomAttribute("data-link-id")));
    browser.click("#e-kind option[value=Specimen]");
    browser.type("#e-subject", sample);
    browser.type("#e-item-0", "7,4");
    browser.type("#e-item-1", "2.5"); // not a whole number: the server refuses, naming the item
    WebElement yes =
        browser.driver.findElements(By.cssSelector("#e-item-2 option")).stream()
            .filter(o -> o.getText().startsWith("J "))
            .findFirst()
            .orElseThrow();
    yes.click();
    browser.click("#save-entry");
    WebElement error =
        browser.until(
            d ->
                d.findElement(By.id("e-item-1-error")).isDisplayed()
                    ? d.findElement(By.id("e-item-1-error"))
                    : null);
    assertThat(error.getText()).contains("cycles").doesNotContain("2.5");
    assertThat(browser.find("#e-item-1").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("#e-item-0-error").isDisplayed()).isFalse();
    browser.screenshot(prefix + refused);

    browser.type("#e-item-1", "2");
    browser.click("#save-entry");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("QuestionnaireResponse/"));
    assertThat(browser.find("#e-item-1-error").isDisplayed()).isFalse();
    browser.until(d -> d.findElement(By.id("entries")).getText().contains("Freeze-thaw cycles: 2"));
    assertThat(browser.find("#entries").getText())
        .contains(sample, "Browser quality " + name, "RIN value: 7");
    browser.screenshot(prefix + listed);
  }

  /**
   * Issue 23 finding 8: the switch in the header changes the language at once, for every page of
   * the app (kept in localStorage), and back.
   */
  @Test
  @Order(10)
  void theLanguageSwitchChangesEveryPageOfTheApp() throws Exception {
    browser.open(HD + "/index.html");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(browser.find("#lang-switch").getText()).isEqualTo("Deutsch");
    browser.click("#lang-switch");
    browser.until(d -> "de".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(browser.find("#datamanager").getText()).isEqualTo("Datenmanagement");
    assertThat(browser.find("header.ccp nav").getText()).contains("Widerruf", "Einwilligung");
    browser.screenshot("12-language-switched-to-german");
    browser.open(HD + "/consent.html");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("de");
    assertThat(browser.find("#lang-switch").getText()).isEqualTo("English");
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(browser.find("h1").getText()).isEqualTo("Consent");
  }

  /**
   * A browser set to de-DE gets German without choosing: {@code <html lang="de">}, German texts.
   */
  @Test
  @Order(20)
  void aBrowserSetToGermanGetsGermanPages() throws Exception {
    german =
        new Browser(
            Path.of(System.getProperty("ccp.screenshots", "target/screenshots")).resolve("de"),
            "de-DE");
    german.open(CENTRAL + "/index.html");
    Object languages =
        ((org.openqa.selenium.JavascriptExecutor) german.driver)
            .executeScript("return navigator.languages;");
    assertThat(languages.toString()).as("the browser's languages").startsWith("[de");
    assertThat(german.find("html").getAttribute("lang")).isEqualTo("de");
    assertThat(german.find("#login button[type=submit]").getText()).isEqualTo("Anmelden");
    assertThat(german.find("h1").getText()).isEqualTo("Zählabfrage");
    assertThat(german.find("#lang-switch").getText()).isEqualTo("English");
    german.screenshot("de-01-researcher-login");
  }

  /** The researcher's count and decentralized search, in German. */
  @Test
  @Order(21)
  void researcherCountsAndSendsTheSearchInGerman() throws Exception {
    german.logIn("researcher", "researcher-demo");
    addTerm(german, 1, "C50", "ICD-10-GM C50");
    addTerm(german, 1, "Alter", "Alter 40–59 bei Diagnose");
    german.click("#combine-1");
    german.find("#combine-1 option[value=AND]").click();
    assertThat(german.find("#criteria-words").getText())
        .contains("Diagnose ICD-10-GM C50", "Alter 40–59 bei Diagnose");
    german.click("#run");
    german.until(d -> nonEmpty(d.findElement(By.id("total-patients"))));
    assertThat(german.find("#total-patients").getText()).matches("<10|\\d+");
    assertThat(german.find("#status").getText()).startsWith("Freigegebene Anzahlen für:");
    assertThat(german.find("#totals").getText()).contains("Patienten", "Proben");
    assertThat(german.find("#plot-sex table").getText()).contains("weiblich", "männlich");
    german.screenshot("de-02-researcher-counts");
    german.type("#requester-name", "Dr. Berta Beispiel");
    german.type("#requester-institution", "Universitätsklinikum Teststadt");
    german.type("#project", "Kohorte Mammakarzinom");
    german.type("#prose", "Browsertest auf Deutsch: Frauen mit Mammakarzinom, 40–59 Jahre.");
    german.click("#send-button");
    WebElement link = german.find("#follow-link");
    assertThat(link.getText()).startsWith("Suche ").endsWith(" verfolgen");
    germanSearchId = link.getAttribute("href").replaceAll(".*#", "");
    assertThat(germanSearchId).isNotBlank();
    german.screenshot("de-03-researcher-search-sent");
  }

  static String germanSearchId;

  /** HD's approver approves, TUE's rejects, the researcher reads both answers: all in German. */
  @Test
  @Order(22)
  void approversDecideAndTheResearcherReadsTheAnswersInGerman() throws Exception {
    WebElement request = awaitRequest(german, HD, germanSearchId);
    assertThat(request.findElement(By.tagName("h2")).getText()).startsWith("Anfrage von");
    assertThat(request.findElement(By.cssSelector(".criteria-words")).getText())
        .contains("Diagnose ICD-10-GM C50", "Alter 40–59 bei Diagnose");
    request.findElement(By.name("releaseCount")).click();
    request.findElement(By.name("message")).sendKeys("Bitte wenden Sie sich an das Tumorboard.");
    request.findElement(By.name("approve")).click();
    german.until(d -> d.findElement(By.id("status")).getText().contains("Entscheidung gesendet"));
    german.screenshot("de-04-approver-hd-approved");
    request = awaitRequest(german, TUE, germanSearchId);
    request.findElement(By.name("reason")).sendKeys("Keine Kapazität für diese Studie.");
    request.findElement(By.name("reject")).click();
    german.until(d -> d.findElement(By.id("status")).getText().contains("Entscheidung gesendet"));
    german.screenshot("de-05-approver-tue-rejected");

    german.open(CENTRAL + "/searches.html");
    String hd = "#search-" + germanSearchId + " tr[data-site=HD]";
    String tue = "#search-" + germanSearchId + " tr[data-site=TUE]";
    german.until(
        d ->
            d.findElement(By.cssSelector(hd + " .site-status"))
                .getText()
                .startsWith("abgeschlossen"));
    german.until(
        d ->
            d.findElement(By.cssSelector(tue + " .site-status")).getText().startsWith("abgelehnt"));
    assertThat(german.find(hd + " .site-message").getText())
        .contains("Bitte wenden Sie sich an das Tumorboard.", "signiert von bridgehead.HD");
    assertThat(german.find(tue + " .site-message").getText())
        .contains("Keine Kapazität für diese Studie.");
    assertThat(german.find("#search-" + germanSearchId).getText())
        .contains("Kriterien", "Gültig bis", "Antworten der Standorte");
    german.screenshot("de-06-researcher-answers");
  }

  /** The data manager's pseudonymization, consent and withdrawal, in German. */
  @Test
  @Order(23)
  void dataManagerPseudonymizesRecordsConsentAndWithdrawsInGerman() throws Exception {
    String pseudonym = pseudonymize(german, "Deutschtest");
    german.screenshot("de-07-datamanager-pseudonymized");
    german.click("#consent-link");
    german.until(
        d ->
            d.findElement(By.id("status")).getText().contains("Einwilligung(en) für")
                ? true
                : null);
    german.click("#record button[type=submit]");
    german.until(
        d ->
            d.findElement(By.id("status")).getText().contains("erfasst als Consent/")
                ? true
                : null);
    assertThat(german.find("#consents").getText())
        .contains("Einwilligung in die Netzwerknutzung", "aktiv", "erlaubt");
    german.screenshot("de-08-datamanager-consent-recorded");
    german.open(HD + "/withdrawal.html");
    assertThat(german.find("header.ccp nav").getText()).contains("Widerruf", "Einwilligung");
    german.type("#pseudonym", pseudonym);
    german.click("#start button[type=submit]");
    german.until(d -> d.findElement(By.id("status")).getText().contains("Task/") ? true : null);
    assertThat(german.find("#tasks .withdrawal-title").getText())
        .matches("(Patient " + pseudonym + "|Pseudonym stillgelegt) — anonymisieren — .*");
    german.screenshot("de-09-datamanager-withdrawal");
  }

  /** The biobank's registration and list, in German, sample types in the terminology's German. */
  @Test
  @Order(24)
  void theBiobankRegistersASampleInGerman() throws Exception {
    String pseudonym = pseudonymize(german, "Probentest");
    registerSample(german, pseudonym, "Erfasst: Specimen/", "Vollblut", "Verfügbar");
    german.screenshot("de-10-biobank-sample-registered");
  }

  /** Issue 22 item 2: the forms flow of (11) in the German browser. */
  @Test
  @Order(27)
  void theFormsFlowInGerman() throws Exception {
    assertThat(german).as("the German browser of (20)").isNotNull();
    formsJourney(german, "de-", "11-forms-defined", "12-forms-refused-at-field", "13-forms-entry");
    assertThat(german.find("h1").getText()).isEqualTo("Formulare");
    assertThat(german.find("#entries caption").getText()).startsWith("Einträge zu Specimen/");
  }

  /** axe-core, phone width and no untranslated key on every page, in German. */
  @Test
  @Order(25)
  void everyPagePassesAxeAndShowsNoUntranslatedKeyInGerman() throws Exception {
    List<String> failures = everyPage(german, "de-", "de");
    assertThat(failures)
        .as("axe serious/critical violations, phone overflows, untranslated keys (German)")
        .isEmpty();
  }

  /**
   * Issue 23 finding 2: the researcher's key lives with the researcher. Saved in the browser that
   * sent the first search as a passphrase-protected key file, it opens that search's answers in the
   * other browser once imported there; a wrong passphrase imports nothing.
   */
  @Test
  @Order(26)
  void theKeyFileOpensTheAnswersInAnotherBrowser() throws Exception {
    String passphrase = "correct horse battery staple";
    browser.open(CENTRAL + "/searches.html");
    logInAs(browser, "researcher", "researcher-demo");
    browser.type("#export-passphrase", passphrase);
    browser.type("#export-repeat", passphrase);
    browser.click("#key-export button[type=submit]");
    browser.until(d -> d.findElement(By.id("status")).getText().contains("Key file") ? true : null);
    browser.screenshot("13-researcher-key-saved");
    String file =
        (String)
            ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " researcherKeys.exportKeys('researcher', arguments[0])"
                        + ".then(done, e => done('failed: ' + e.message));",
                    passphrase);
    assertThat(file).contains("ccp-researcher-key/1").doesNotContain("pkcs8");
    Path keyFile =
        java.nio.file.Files.writeString(
            Path.of("target/researcher-key.json").toAbsolutePath(), file);

    german.open(CENTRAL + "/searches.html");
    logInAs(german, "researcher", "researcher-demo");
    String hd = "#search-" + searchId + " tr[data-site=HD]";
    german.until(
        d ->
            d.findElement(By.cssSelector(hd + " .site-count"))
                .getText()
                .equals("kann nicht geöffnet werden"));
    german.find("#key-file").sendKeys(keyFile.toString());
    german.type("#import-passphrase", "wrong passphrase of the right length");
    german.click("#key-import button[type=submit]");
    german.until(
        d ->
            d.findElement(By.id("status")).getText().contains("Passphrase öffnet diese")
                ? true
                : null);
    assertThat(german.find(hd + " .site-count").getText()).isEqualTo("kann nicht geöffnet werden");
    german.type("#import-passphrase", passphrase);
    german.click("#key-import button[type=submit]");
    german.until(
        d -> d.findElement(By.id("status")).getText().contains("importiert") ? true : null);
    german.until(
        d ->
            d.findElement(By.cssSelector(hd + " .site-message"))
                .getText()
                .contains("Please contact the HD tumour board."));
    assertThat(german.find(hd + " .site-message").getText()).contains("signiert von bridgehead.HD");
    german.screenshot("de-11-researcher-key-imported");
  }

  /** A new patient pseudonymized in the page as the data manager; its local pseudonym. */
  private static String pseudonymize(Browser browser, String lastName) {
    browser.open(HD + "/pseudonymize.html");
    logInAs(browser, "datamanager", "datamanager-demo");
    browser.type("#firstName", "Hedwig");
    browser.type("#lastName", lastName + letters(System.nanoTime()));
    ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("document.getElementById('birthDate').value = '1958-07-21';");
    browser.click("#idat button[type=submit]");
    return browser.until(d -> nonEmpty(d.findElement(By.id("result"))));
  }

  /** Letters for a number: the local list's phonetic codes ignore digits. */
  private static String letters(long n) {
    StringBuilder out = new StringBuilder();
    for (long v = Math.abs(n) % 100_000_000L; v > 0; v /= 26) {
      out.append((char) ('a' + v % 26));
    }
    return out.toString();
  }

  /**
   * Registers a whole-blood sample with an aliquot for {@code pseudonym} in biobank.html and finds
   * it in the list with its type and status in the page's language.
   */
  private static void registerSample(
      Browser browser, String pseudonym, String registered, String type, String status) {
    browser.open(HD + "/biobank.html");
    logInAs(browser, "biobank", "biobank-demo");
    browser.until(
        d ->
            d.findElements(By.cssSelector("#type option[value=whole-blood]")).isEmpty()
                ? null
                : true);
    assertThat(browser.find("#type option[value=whole-blood]").getText())
        .startsWith("whole-blood — ")
        .containsIgnoringCase(type);
    browser.find("#type option[value=whole-blood]").click();
    browser.type("#pseudonym", pseudonym);
    ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("document.getElementById('collected').value = '2024-05-06';");
    String place = letters(System.nanoTime());
    browser.type("#container", "T-" + place);
    browser.type("#amount", "2");
    browser.type("#freezer", "F-" + place);
    browser.type("#rack", "R1");
    browser.type("#box", "B1");
    browser.type("#position", "A1");
    browser.click("#with-aliquot");
    browser.type("#a-amount", "1");
    browser.type("#a-freezer", "F-" + place);
    browser.type("#a-rack", "R1");
    browser.type("#a-box", "B1");
    browser.type("#a-position", "A2");
    browser.click("#register button[type=submit]");
    String message =
        browser.until(
            d -> {
              String text = d.findElement(By.id("status")).getText();
              return text.contains(registered) ? text : null;
            });
    java.util.regex.Matcher ids = java.util.regex.Pattern.compile("Specimen/\\d+").matcher(message);
    assertThat(ids.find()).as(message).isTrue();
    String parent = ids.group();
    assertThat(ids.find()).as("the aliquot in " + message).isTrue();
    browser.type("#f-freezer", "F-" + place);
    browser.click("#filter button[type=submit]");
    browser.until(d -> d.findElement(By.id("samples")).getText().contains(parent) ? true : null);
    assertThat(browser.find("#samples").getText()).contains(type, status, "F-" + place);
  }

  /** Logs in on the page shown, first leaving another user's session of that app. */
  private static void logInAs(String user, String password) {
    logInAs(browser, user, password);
  }

  private static void logInAs(Browser browser, String user, String password) {
    Object current =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeScript(
                "const t = JSON.parse(sessionStorage.getItem('ccp-token') || 'null');"
                    + " return t && t.until > Date.now() ? t.user : null;");
    if (user.equals(current)) {
      return;
    }
    if (current != null) {
      ((org.openqa.selenium.JavascriptExecutor) browser.driver)
          .executeScript("sessionStorage.removeItem('ccp-token');");
      browser.open(browser.driver.getCurrentUrl());
    }
    browser.logIn(user, password);
    browser.until(d -> d.findElement(By.id("login")).isDisplayed() ? null : true);
  }

  /** The search box of a group offers these terms for the filter (and the filter is cleared). */
  private static void suggestions(int group, String filter, String... expected) {
    suggestions(browser, group, filter, expected);
  }

  private static void suggestions(Browser browser, int group, String filter, String... expected) {
    browser.type("#search-" + group, filter);
    for (String term : expected) {
      browser.until(
          d ->
              d.findElements(By.cssSelector("#suggestions-" + group + " button")).stream()
                      .anyMatch(b -> b.getText().contains(term))
                  ? true
                  : null);
    }
    browser.find("#search-" + group).clear();
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
      environment.put("CCP_DEMO_PORT_OFFSET", Integer.toString(DemoNetwork.PORT_OFFSET));
    }
    return environment;
  }

  private static void addTerm(int group, String filter, String expected) {
    addTerm(browser, group, filter, expected);
  }

  private static void addTerm(Browser browser, int group, String filter, String expected) {
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
    return awaitRequest(browser, bridgehead, searchId);
  }

  private static WebElement awaitRequest(Browser browser, String bridgehead, String searchId) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    By request = By.xpath("//article[contains(., '" + searchId + "') and .//form]");
    while (true) {
      browser.open(bridgehead + "/approval.html");
      // logged in already from the loop's last round, or as another user of that bridgehead
      logInAs(browser, "approver", "approver-demo");
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
