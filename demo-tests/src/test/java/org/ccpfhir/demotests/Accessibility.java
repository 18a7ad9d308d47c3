package org.ccpfhir.demotests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (Deque, MPL-2.0, vendored as {@code src/test/resources/axe/axe.min.js}, npm {@code
 * axe-core} 4.14.1: the suite runs offline like its browser) in the page under test, and the phone
 * width check: at 390 px nothing may widen the page (issue 23). Every run's full result (all
 * impacts) is kept as {@code target/axe/<name>.json}; the tests fail on serious and critical
 * violations only.
 */
final class Accessibility {

  static final int PHONE_WIDTH = 390;
  private static final String SOURCE = load();

  private final Browser browser;
  private final Path reports;

  Accessibility(Browser browser, Path reports) throws IOException {
    this.browser = browser;
    this.reports = Files.createDirectories(reports);
  }

  private static String load() {
    try (InputStream in = Accessibility.class.getResourceAsStream("/axe/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The serious and critical violations of the page as shown now, as "rule: target" lines. */
  @SuppressWarnings("unchecked")
  List<String> seriousViolations(String name) throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof axe !== 'undefined'"))) {
      js.executeScript(SOURCE);
    }
    String json =
        (String)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',"
                    + " 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })"
                    + ".then(r => done(JSON.stringify(r.violations)))"
                    + ".catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical',"
                    + " nodes: [{ target: [String(e)] }] }])));");
    Files.writeString(reports.resolve(name + ".json"), json);
    List<Map<String, Object>> violations =
        (List<Map<String, Object>>) js.executeScript("return JSON.parse(arguments[0]);", json);
    List<String> serious = new ArrayList<>();
    for (Map<String, Object> violation : violations) {
      Object impact = violation.get("impact");
      if ("serious".equals(impact) || "critical".equals(impact)) {
        for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
          serious.add(impact + " " + violation.get("id") + ": " + node.get("target"));
        }
      }
    }
    return serious;
  }

  /** How far the page is wider than the window (0 when nothing overflows sideways). */
  long horizontalOverflow() {
    Object overflow =
        ((JavascriptExecutor) browser.driver)
            .executeScript(
                "return Math.max(document.documentElement.scrollWidth,"
                    + " document.body.scrollWidth) - window.innerWidth;");
    return Math.max(0, ((Number) overflow).longValue());
  }

  /** Sets the viewport (not the window) to the given CSS width, e.g. a phone's 390 px. */
  void width(int width) {
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    Dimension window = browser.driver.manage().window().getSize();
    long inner = ((Number) js.executeScript("return window.innerWidth;")).longValue();
    browser
        .driver
        .manage()
        .window()
        .setSize(new Dimension(window.getWidth() - (int) inner + width, window.getHeight()));
  }
}
