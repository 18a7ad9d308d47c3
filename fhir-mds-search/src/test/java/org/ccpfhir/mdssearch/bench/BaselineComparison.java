package org.ccpfhir.mdssearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;

/**
 * The 20 queries on the same patients: count engine in-process against HAPI JPA's own {@code
 * _summary=count} search over loopback HTTP.
 */
final class BaselineComparison {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z.-]+):([^}]*)}");

  private final SearchCatalog catalog;
  private final CountEngine engine;
  private final HapiCounter hapi;
  private final int reps;

  BaselineComparison(SearchCatalog catalog, CountEngine engine, HapiCounter hapi, int reps) {
    this.catalog = catalog;
    this.engine = engine;
    this.hapi = hapi;
    this.reps = reps;
  }

  void run(int patients, Set<String> codes) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%n== count engine vs HAPI JPA _summary=count, same %,d patients%n"
            + "%-42s %8s %8s %10s %10s %10s%n",
        patients,
        "query",
        "engine",
        "hapi",
        "engine_p50",
        "hapi_p50",
        "hapi_p95");
    List<Double> engineAll = new ArrayList<>();
    List<Double> hapiAll = new ArrayList<>();
    for (BenchQuery query : BenchQuery.ALL) {
      int engineCount = engine.patients(CriteriaParser.parse(catalog, query.criteria()));
      List<Double> engineMillis = new ArrayList<>();
      for (int i = 0; i < reps + 3; i++) {
        long start = System.nanoTime();
        engine.count(CriteriaParser.parse(catalog, query.criteria()), List.of());
        if (i >= 3) {
          engineMillis.add((System.nanoTime() - start) / 1e6);
        }
      }
      if (query.hapi() == null) {
        System.out.printf(
            Locale.ROOT,
            "%-42s %8d %8s %10.2f %10s %10s%n",
            query.name(),
            engineCount,
            "n/a",
            Percentiles.of(engineMillis, 50),
            "n/a",
            "n/a");
        continue;
      }
      String hapiQuery = expand(query.hapi(), codes);
      int hapiCount = hapi.count(hapiQuery);
      List<Double> hapiMillis = new ArrayList<>();
      int hapiReps = Math.max(3, reps / 3);
      for (int i = 0; i < hapiReps + 1; i++) {
        long start = System.nanoTime();
        hapi.count(hapiQuery);
        if (i >= 1) {
          hapiMillis.add((System.nanoTime() - start) / 1e6);
        }
      }
      engineAll.addAll(engineMillis);
      hapiAll.addAll(hapiMillis);
      System.out.printf(
          Locale.ROOT,
          "%-42s %8d %8d %10.2f %10.1f %10.1f%n",
          query.name(),
          engineCount,
          hapiCount,
          Percentiles.of(engineMillis, 50),
          Percentiles.of(hapiMillis, 50),
          Percentiles.of(hapiMillis, 95));
    }
    double engineP50 = Percentiles.of(engineAll, 50);
    double hapiP50 = Percentiles.of(hapiAll, 50);
    System.out.printf(
        Locale.ROOT,
        "BASELINE %,d patients, queries HAPI can express: engine p50 %.2f ms p95 %.2f ms | HAPI JPA"
            + " p50 %.1f ms p95 %.1f ms | ratio HAPI/engine p50 %.0fx p95 %.0fx%n",
        patients,
        engineP50,
        Percentiles.of(engineAll, 95),
        hapiP50,
        Percentiles.of(hapiAll, 95),
        hapiP50 / engineP50,
        Percentiles.of(hapiAll, 95) / Percentiles.of(engineAll, 95));
  }

  /** {@code {Condition.code:C50}} → the comma-separated codes with that prefix in the data. */
  static String expand(String query, Set<String> codes) {
    Matcher matcher = PLACEHOLDER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String key = matcher.group(1) + "=";
      String prefix = key + matcher.group(2);
      List<String> values =
          CountBenchmark.sorted(codes).stream()
              .filter(c -> c.startsWith(prefix))
              .map(c -> c.substring(key.length()))
              .toList();
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(values.isEmpty() ? "none" : String.join(",", values)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
