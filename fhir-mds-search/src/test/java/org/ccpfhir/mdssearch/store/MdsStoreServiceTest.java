package org.ccpfhir.mdssearch.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The index follows uploads, and an index rebuilt from the store (restart) counts the same. */
class MdsStoreServiceTest {

  private static final List<String> QUERIES =
      List.of(
          "Patient",
          "Condition?code:below=C50",
          "Specimen?type=whole-blood&collected=ge2015",
          "Patient?site=TUE AND NOT Patient?gender=female",
          "Observation?code=75186-7&value-concept=verstorben");

  @Test
  void rebuiltIndexCountsLikeTheFollowedIndex() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:store" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    MdsRecordRepository.SCHEMA.migrate(dataSource);
    MdsRecordRepository repository =
        new MdsRecordRepository(dataSource, FhirContext.forR4Cached(), Clock.systemUTC());
    CountIndex live = new CountIndex();
    MdsStoreService store = new MdsStoreService(repository, live);
    for (String site : List.of("HD", "TUE")) {
      SyntheticPatientGenerator generator =
          new SyntheticPatientGenerator(3L, site, EntryMode.PUT, false);
      for (int i = 0; i < 200; i++) {
        store.upsert(site, site + i, generator.patient(i));
      }
      // uploads again with other data, and deletions
      for (int i = 0; i < 50; i++) {
        store.upsert(site, site + i, generator.patient(1000 + i));
      }
      for (int i = 50; i < 70; i++) {
        assertThat(store.delete(site, site + i)).isTrue();
      }
    }
    assertThat(store.delete("HD", "never-stored")).isFalse();

    CountIndex rebuilt = new CountIndex();
    repository.forEachFacts(rebuilt::add);

    SearchCatalog catalog = new SearchCatalog();
    CountEngine followed = new CountEngine(live);
    CountEngine restarted = new CountEngine(rebuilt);
    assertThat(followed.patients(CriteriaParser.parse(catalog, "Patient"))).isEqualTo(360);
    for (String query : QUERIES) {
      assertThat(restarted.patients(CriteriaParser.parse(catalog, query)))
          .as(query)
          .isEqualTo(followed.patients(CriteriaParser.parse(catalog, query)));
    }
  }
}
