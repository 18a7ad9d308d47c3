package org.ccpfhir.mdssearch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The repository's behaviour, run on H2 ({@code *Test}) and PostgreSQL ({@code *IT}). */
abstract class MdsRecordRepositoryContract {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final SyntheticPatientGenerator HD =
      new SyntheticPatientGenerator(7L, "HD", EntryMode.PUT, false);

  abstract DataSource dataSource();

  MdsRecordRepository repository() {
    MdsRecordRepository.SCHEMA.migrate(dataSource());
    return new MdsRecordRepository(dataSource(), FHIR, Clock.systemUTC());
  }

  @Test
  void upsertCreatesThenReplacesUnderTheSameOrdinal() {
    MdsRecordRepository repository = repository();
    StoredChange created = repository.upsert("HD", "MDS-1", HD.patient(0));
    assertThat(created.previous()).isNull();
    assertThat(created.current().tokens()).anyMatch(t -> t.startsWith("sex="));

    StoredChange updated = repository.upsert("HD", "MDS-1", HD.patient(1));
    assertThat(updated.ordinal()).isEqualTo(created.ordinal());
    assertThat(updated.previous()).isEqualTo(created.current());
    assertThat(repository.count()).isEqualTo(1);

    StoredChange otherSite = repository.upsert("TUE", "MDS-1", HD.patient(0));
    assertThat(otherSite.ordinal()).isNotEqualTo(created.ordinal());
    assertThat(repository.count()).isEqualTo(2);
  }

  @Test
  void deleteReturnsTheRemovedFactsOnce() {
    MdsRecordRepository repository = repository();
    StoredChange created = repository.upsert("HD", "MDS-2", HD.patient(2));
    assertThat(repository.delete("HD", "MDS-2"))
        .hasValueSatisfying(
            removed -> {
              assertThat(removed.ordinal()).isEqualTo(created.ordinal());
              assertThat(removed.previous()).isEqualTo(created.current());
              assertThat(removed.current()).isNull();
            });
    assertThat(repository.delete("HD", "MDS-2")).isEmpty();
    assertThat(repository.count()).isZero();
  }

  @Test
  void rebuildReadsTheFactsOfEveryRecord() {
    MdsRecordRepository repository = repository();
    for (int i = 0; i < 5; i++) {
      repository.upsert("HD", "MDS-" + i, HD.patient(i));
    }
    List<StoredFacts> all = new ArrayList<>();
    repository.forEachFacts(all::add);
    assertThat(all).hasSize(5).allMatch(f -> f.site().equals("HD"));
    assertThat(all.stream().map(StoredFacts::ordinal).distinct()).hasSize(5);
  }

  @Test
  void aBatchIsStoredInOneTransactionAllOrNothing() {
    MdsRecordRepository repository = repository();
    java.util.Map<String, org.hl7.fhir.r4.model.Bundle> batch = new java.util.LinkedHashMap<>();
    batch.put("MDS-A", HD.patient(3));
    batch.put("MDS-B", HD.patient(4));
    List<StoredChange> changes = repository.upsertAll("HD", batch);
    assertThat(changes).hasSize(2).allMatch(c -> c.previous() == null);
    assertThat(repository.upsertAll("HD", batch)).allMatch(c -> c.previous() != null);
    batch.put(" ", HD.patient(5));
    assertThatThrownBy(() -> repository.upsertAll("HD", batch))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(repository.count()).isEqualTo(2);
  }

  @Test
  void everyRecordHasASecretKeyForItsLife() {
    MdsRecordRepository repository = repository();
    java.util.Map<Integer, Integer> keys = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      StoredChange created = repository.upsert("HD", "KEY-" + i, HD.patient(i));
      keys.put(created.ordinal(), created.key());
    }
    assertThat(new java.util.HashSet<>(keys.values())).as("drawn at random").hasSizeGreaterThan(18);
    // a re-upload keeps the key: the patient's cells must not get a new draw
    StoredChange updated = repository.upsert("HD", "KEY-0", HD.patient(30));
    assertThat(updated.key()).isEqualTo(keys.get(updated.ordinal()));
    // a restart reads the same keys
    List<StoredFacts> all = new ArrayList<>();
    repository.forEachFacts(all::add);
    assertThat(all).allSatisfy(f -> assertThat(f.key()).isEqualTo(keys.get(f.ordinal())));
    assertThat(repository.delete("HD", "KEY-3"))
        .hasValueSatisfying(
            removed -> assertThat(removed.key()).isEqualTo(keys.get(removed.ordinal())));
  }

  /**
   * A database the previous release wrote: it ran Flyway on {@code db/ccp-mds} itself (same history
   * table) and drew missing keys after every migration. Records stored at V1 get their key once
   * (migration 2.1); records of a database already at V2 keep theirs; nothing is lost.
   */
  @Test
  void aDatabaseOfThePreviousReleaseKeepsItsRecordsAndOldOnesGetAKey() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource());
    oldMigration("1");
    jdbc.update(
        "INSERT INTO mds_record (site, mds_id, facts, bundle_json, updated_ms)"
            + " VALUES ('HD', 'OLD-1', 'sex=female', '{}', 1), ('HD', 'OLD-2', 'sex=male', '{}', 2)");

    MdsRecordRepository.SCHEMA.migrate(dataSource());

    assertThat(jdbc.queryForList("SELECT mds_id FROM mds_record ORDER BY ordinal", String.class))
        .containsExactly("OLD-1", "OLD-2");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE record_key IS NULL", Integer.class))
        .isZero();
    List<Integer> keys =
        jdbc.queryForList("SELECT record_key FROM mds_record ORDER BY ordinal", Integer.class);
    assertThat(history()).containsExactly("1", "2", "2.1", "3");

    // a second start draws nothing new
    MdsRecordRepository.SCHEMA.migrate(dataSource());
    assertThat(
            jdbc.queryForList("SELECT record_key FROM mds_record ORDER BY ordinal", Integer.class))
        .isEqualTo(keys);
  }

  @Test
  void aDatabaseAlreadyAtV2KeepsItsKeys() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource());
    oldMigration("2");
    jdbc.update(
        "INSERT INTO mds_record (site, mds_id, facts, bundle_json, updated_ms, record_key)"
            + " VALUES ('HD', 'V2-1', 'sex=female', '{}', 1, 4711)");

    MdsRecordRepository.SCHEMA.migrate(dataSource());

    assertThat(jdbc.queryForList("SELECT record_key FROM mds_record", Integer.class))
        .containsExactly(4711);
    assertThat(history()).containsExactly("1", "2", "2.1", "3");
  }

  // the previous release's MdsRecordRepository.migrate, up to the given version
  private void oldMigration(String target) {
    org.flywaydb.core.Flyway.configure()
        .dataSource(dataSource())
        .locations("classpath:db/ccp-mds")
        .table("ccp_mds_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target(target)
        .load()
        .migrate();
  }

  private List<String> history() {
    return new JdbcTemplate(dataSource())
        .queryForList(
            "SELECT \"version\" FROM \"ccp_mds_schema_history\""
                + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
            String.class);
  }

  @Test
  void malformedKeysAreRefused() {
    MdsRecordRepository repository = repository();
    assertThatThrownBy(() -> repository.upsert("hd; drop", "MDS-1", HD.patient(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("site");
    assertThatThrownBy(() -> repository.delete("HD", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MDS*G-ID");
  }
}
