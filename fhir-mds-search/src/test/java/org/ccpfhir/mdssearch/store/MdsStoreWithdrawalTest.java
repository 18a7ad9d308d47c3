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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A withdrawn person's records: deleted at every site or one, or kept under a random key. */
class MdsStoreWithdrawalTest {

  JdbcTemplate jdbc;
  CountIndex index;
  MdsStoreService store;

  @BeforeEach
  void store() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:withdrawal" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY",
            "sa",
            "");
    MdsRecordRepository.SCHEMA.migrate(dataSource);
    jdbc = new JdbcTemplate(dataSource);
    index = new CountIndex();
    store =
        new MdsStoreService(
            new MdsRecordRepository(dataSource, FhirContext.forR4Cached(), Clock.systemUTC()),
            index);
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(5L, "HD", EntryMode.PUT, false);
    store.upsert("HD", "PERSON1", generator.patient(0));
    store.upsert("TUE", "PERSON1", generator.patient(1));
    store.upsert("HD", "PERSON2", generator.patient(2));
    store.upsert("HD", "L-00ff", generator.patient(3));
    store.upsert("TUE", "L-00ff", generator.patient(4));
  }

  long patients() {
    return new CountEngine(index).patients(CriteriaParser.parse(new SearchCatalog(), "Patient"));
  }

  List<String> keys(String site) {
    return jdbc.queryForList(
        "SELECT mds_id FROM mds_record WHERE site = ? ORDER BY mds_id", String.class, site);
  }

  @Test
  void deletionOfAPersonRemovesItsRecordsAtEverySite() {
    assertThat(store.deleteAll(null, "PERSON1")).isEqualTo(2);
    assertThat(keys("HD")).containsExactly("L-00ff", "PERSON2");
    assertThat(keys("TUE")).containsExactly("L-00ff");
    assertThat(patients()).isEqualTo(3);
    assertThat(store.deleteAll(null, "PERSON1")).isZero();
  }

  @Test
  void aSiteScopedPseudonymReachesOnlyThatSite() {
    assertThat(store.deleteAll("HD", "L-00ff")).isEqualTo(1);
    assertThat(keys("TUE")).contains("L-00ff");
  }

  @Test
  void anonymisationKeepsTheRecordsUnderARandomKey() {
    assertThat(store.anonymise(null, "PERSON1")).isEqualTo(2);
    assertThat(keys("HD")).doesNotContain("PERSON1").anyMatch(k -> k.startsWith("A-"));
    assertThat(keys("TUE")).doesNotContain("PERSON1").anyMatch(k -> k.startsWith("A-"));
    assertThat(patients()).isEqualTo(5);
    assertThat(store.anonymise(null, "PERSON1")).isZero();
  }
}
