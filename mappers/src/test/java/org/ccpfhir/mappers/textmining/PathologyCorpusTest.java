package org.ccpfhir.mappers.textmining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per field over the labelled corpus (src/test/resources/textmining). A value
 * counts as true positive when it equals the label, as false positive when extracted but different
 * or unlabelled, as false negative when labelled but not extracted correctly.
 */
class PathologyCorpusTest {

  record Row(String id, String lang, String text, Map<String, String> expected) {}

  static final List<String> FIELDS =
      List.of(
          "T", "N", "M", "y", "r", "msym", "version", "uicc", "grading", "residual", "morphology");

  static final Map<String, Function<Findings, String>> ACTUAL = new LinkedHashMap<>();

  static {
    ACTUAL.put("T", f -> f.t() == null ? "" : nz(f.tPrefix()) + ":" + f.t());
    ACTUAL.put("N", f -> f.n() == null ? "" : nz(f.nPrefix()) + ":" + f.n());
    ACTUAL.put("M", f -> f.m() == null ? "" : nz(f.mPrefix()) + ":" + f.m());
    ACTUAL.put("y", f -> nz(f.ySymbol()));
    ACTUAL.put("r", f -> nz(f.rSymbol()));
    ACTUAL.put("msym", f -> nz(f.mSymbol()));
    ACTUAL.put("version", f -> nz(f.version()));
    ACTUAL.put("uicc", f -> nz(f.uiccStage()));
    ACTUAL.put("grading", f -> nz(f.grading()));
    ACTUAL.put("residual", f -> nz(f.residual()));
    ACTUAL.put("morphology", f -> String.join(";", f.morphologies()));
  }

  static List<Row> corpus;

  static String nz(String s) {
    return s == null ? "" : s;
  }

  @BeforeAll
  static void load() throws Exception {
    corpus = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                PathologyCorpusTest.class.getResourceAsStream("/textmining/corpus.tsv"),
                StandardCharsets.UTF_8))) {
      List<String> header = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (header == null) {
          header = List.of(cells);
          continue;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String field : FIELDS) {
          expected.put(field, cells[header.indexOf(field)].trim());
        }
        corpus.add(new Row(cells[0], cells[1], cells[2], expected));
      }
    }
  }

  @Test
  void corpusIsLargeAndVaried() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    assertThat(corpus.stream().filter(r -> r.lang().equals("en")).count()).isGreaterThan(80);
    assertThat(corpus.stream().filter(r -> r.lang().equals("de")).count()).isGreaterThan(80);
  }

  @Test
  void precisionAndRecallPerField() {
    Map<String, double[]> all = score("all " + corpus.size() + " snippets", corpus, true);
    List<Row> handWritten = corpus.stream().filter(r -> r.id().startsWith("h")).toList();
    Map<String, double[]> hand =
        score(handWritten.size() + " hand-written snippets", handWritten, false);
    // written after the rules were tuned and never used for tuning: reported, with lower floors
    List<Row> heldOut = corpus.stream().filter(r -> r.id().startsWith("x")).toList();
    Map<String, double[]> held = score(heldOut.size() + " held-out snippets", heldOut, true);
    for (String field : FIELDS) {
      assertThat(held.get(field)[0])
          .as("held-out precision of " + field)
          .isGreaterThanOrEqualTo(0.5);
      assertThat(all.get(field)[0]).as("precision of " + field).isGreaterThanOrEqualTo(0.9);
      assertThat(all.get(field)[1]).as("recall of " + field).isGreaterThanOrEqualTo(0.85);
      assertThat(hand.get(field)[0]).as("hand precision of " + field).isGreaterThanOrEqualTo(0.8);
      assertThat(hand.get(field)[1]).as("hand recall of " + field).isGreaterThanOrEqualTo(0.75);
    }
  }

  /** Prints a table of TP/FP/FN, precision and recall per field; returns {precision, recall}. */
  static Map<String, double[]> score(String title, List<Row> rows, boolean printMisses) {
    PathologyExtractor extractor = new PathologyExtractor();
    Map<String, int[]> counts = new LinkedHashMap<>();
    FIELDS.forEach(f -> counts.put(f, new int[3]));
    List<String> misses = new ArrayList<>();
    for (Row row : rows) {
      Findings findings = extractor.extract(row.text());
      for (String field : FIELDS) {
        String expected = row.expected().get(field);
        String actual = ACTUAL.get(field).apply(findings);
        int[] c = counts.get(field);
        if (!actual.isEmpty() && actual.equals(expected)) {
          c[0]++;
          continue;
        }
        if (!actual.isEmpty()) {
          c[1]++;
        }
        if (!expected.isEmpty()) {
          c[2]++;
        }
        if (!actual.equals(expected)) {
          misses.add(
              row.id() + " " + field + ": expected '" + expected + "', got '" + actual + "'");
        }
      }
    }
    StringBuilder report = new StringBuilder("\nText mining, " + title + "\n");
    report.append(
        String.format(
            "%-11s %5s %5s %5s %9s %7s%n", "field", "TP", "FP", "FN", "precision", "recall"));
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (String field : FIELDS) {
      int[] c = counts.get(field);
      double p = c[0] + c[1] == 0 ? 1 : (double) c[0] / (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 1 : (double) c[0] / (c[0] + c[2]);
      scores.put(field, new double[] {p, r});
      report.append(
          String.format("%-11s %5d %5d %5d %9.3f %7.3f%n", field, c[0], c[1], c[2], p, r));
    }
    System.out.println(report);
    if (printMisses) {
      misses.forEach(m -> System.out.println("  miss " + m));
    }
    return scores;
  }
}
