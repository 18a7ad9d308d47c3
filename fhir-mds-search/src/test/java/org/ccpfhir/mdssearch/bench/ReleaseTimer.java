package org.ccpfhir.mdssearch.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.mdssearch.disclosure.NoiseRepository;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Count engine plus disclosure policy (noise persisted in an in-memory H2): the first release of a
 * stratified query draws and stores its noise, repeats only read it.
 */
final class ReleaseTimer {

  private final DisclosurePolicy policy;
  private final List<Double> first = new ArrayList<>();
  private final List<Double> repeated = new ArrayList<>();

  ReleaseTimer() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    MdsRecordRepository.migrate(dataSource);
    policy =
        new DisclosurePolicy(
            new DisclosureProperties(10, 10, 5.0, 60, 1000),
            new NoiseRepository(dataSource, Clock.systemUTC()));
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
        "ALL %,d patients, stratified count + disclosure policy (noise in H2): first release p50"
            + " %.2f ms p95 %.2f ms | repeated p50 %.2f ms p95 %.2f ms%n",
        patients,
        Percentiles.of(first, 50),
        Percentiles.of(first, 95),
        Percentiles.of(repeated, 50),
        Percentiles.of(repeated, 95));
  }
}
