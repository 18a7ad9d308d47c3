package org.ccpfhir.mdssearch.bench;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The MDS database side: upserts of generated patients into the store (one thread, one transaction
 * per batch of 200, as an upload would send them), then the count index rebuilt from the stored
 * facts as at start.
 */
final class StoreTimer {

  private static final int BATCH = 200;

  private final String url;
  private final List<String> sites;
  private final long seed;

  StoreTimer(String url, List<String> sites, long seed) {
    this.url = url;
    this.sites = sites;
    this.seed = seed;
  }

  void run(int patients) {
    DataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
    MdsRecordRepository.SCHEMA.migrate(dataSource);
    MdsRecordRepository repository =
        new MdsRecordRepository(dataSource, FhirContext.forR4Cached(), Clock.systemUTC());
    int perSite = patients / sites.size();
    long start = System.nanoTime();
    for (String site : sites) {
      SyntheticPatientGenerator generator =
          new SyntheticPatientGenerator(seed, site, EntryMode.PUT, false);
      Map<String, Bundle> batch = new LinkedHashMap<>();
      for (int i = 0; i < perSite; i++) {
        batch.put(site + "-" + i, generator.patient(i));
        if (batch.size() == BATCH || i == perSite - 1) {
          repository.upsertAll(site, batch);
          batch.clear();
        }
      }
    }
    double upsertSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    CountIndex index = new CountIndex();
    repository.forEachFacts(index::add);
    index.optimize();
    double rebuildSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n== MDS database (%s)%nupsert %,d patients (generate + extract + JSON + insert,"
            + " one transaction per 200): %.1f s, %,.0f patients/s%nrebuild the count index from the"
            + " stored facts: %,d patients in %.1f s (%,.0f patients/s)%n",
        url,
        perSite * sites.size(),
        upsertSeconds,
        perSite * sites.size() / upsertSeconds,
        index.patients(),
        rebuildSeconds,
        index.patients() / rebuildSeconds);
  }
}
