package org.ccpfhir.demotests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium through chromium-driver (both from apt, installed by {@code .ci/run}).
 * No Selenium Manager: the machines are offline, so both binaries are named explicitly.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);

  final WebDriver driver;
  private final Path screenshots;

  Browser(Path screenshots) throws IOException {
    this(screenshots, "en-US");
  }

  /**
   * A browser whose user prefers {@code language} (e.g. {@code de-DE}): its UI language and
   * Accept-Language, so that {@code navigator.languages} starts with it as in a browser set so.
   */
  Browser(Path screenshots, String language) throws IOException {
    for (Path binary : new Path[] {CHROMIUM, DRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is missing: the browser tests need Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
      }
    }
    this.screenshots = Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
    options.addArguments("--lang=" + language, "--accept-lang=" + language);
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
    // the demo network's own CA is not in the browser's trust store
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return until(d -> d.findElement(By.cssSelector(css)));
  }

  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  void click(String css) {
    until(d -> d.findElement(By.cssSelector(css))).click();
  }

  void logIn(String user, String password) {
    type("#username", user);
    type("#password", password);
    click("#login button[type=submit]");
  }

  <T> T until(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT)
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      // a failed wait leaves the page it saw, so that a CI failure explains itself
      String page = driver.getCurrentUrl();
      try {
        screenshot("timeout-" + System.currentTimeMillis());
      } catch (IOException | RuntimeException ignored) {
        // the timeout is the failure to report
      }
      java.util.List<WebElement> status = driver.findElements(By.id("status"));
      throw new org.openqa.selenium.TimeoutException(
          "waited on "
              + page
              + (status.isEmpty() ? "" : ", status: '" + status.get(0).getText() + "'"),
          e);
    }
  }

  /** Saves the page as {@code <name>.png}, a test artefact. */
  void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
