package org.ccpfhir.mdssearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;

/**
 * Count engine plus disclosure policy (cell keys summed in the engine, perturbation table): the
 * first release of a stratified query and its repeats (nothing is stored, so they cost the same).
 */
final class ReleaseTimer {

  private final DisclosurePolicy policy;
  private final List<Double> first = new ArrayList<>();
  private final List<Double> repeated = new ArrayList<>();

  ReleaseTimer(double samplingRate) {
    policy =
        new DisclosurePolicy(
            new DisclosureProperties(
                10,
                10,
                10000,
                100000,
                samplingRate,
                new DisclosureProperties.Limits(100, 10, 4, 10000)));
  }

  void time(CountEngine engine, Criteria criteria, List<List<Stratifier>> strata, int reps) {
    String key = DisclosurePolicy.queryKey(criteria.canonical());
    for (int i = 0; i <= reps; i++) {
      long start = System.nanoTime();
      CountResult result = engine.count(criteria, strata);
      policy.release(key, result);
      (i == 0 ? first : repeated).add((System.nanoTime() - start) / 1e6);
    }
  }

  void print(int patients) {
    System.out.printf(
        Locale.ROOT,
        "ALL %,d patients, stratified count + cell-key disclosure policy: first release p50"
            + " %.2f ms p95 %.2f ms | repeated p50 %.2f ms p95 %.2f ms%n",
        patients,
        Percentiles.of(first, 50),
        Percentiles.of(first, 95),
        Percentiles.of(repeated, 50),
        Percentiles.of(repeated, 95));
  }
}
