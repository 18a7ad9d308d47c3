package org.ccpfhir.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit store on a real PostgreSQL ({@code CCP_TEST_DB_URL}), in a schema of its own. */
class AuditRepositoryPostgresIT {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("audit");

  @Test
  void migratesStoresSearchesAndPurges() {
    AuditRepository.SCHEMA.migrate(postgres.dataSource());
    AuditRepository.SCHEMA.migrate(
        postgres.dataSource()); // a second start finds the table in place
    AuditRepository repository = new AuditRepository(postgres.dataSource());
    Instant now = Instant.now();
    repository.insert(
        List.of(
            AuditRepositoryTest.entry(now.minus(Duration.ofDays(200)), "old", "read", 200),
            AuditRepositoryTest.entry(now, "new", "search", 200)));

    assertThat(repository.search(AuditRepository.Query.all())).hasSize(2);
    assertThat(
            repository.search(
                new AuditRepository.Query(null, null, "new", "search", "0", "rest", 5, 0)))
        .hasSize(1);
    assertThat(repository.purgeOlderThan(now.minus(Duration.ofDays(90)))).isEqualTo(1);
    assertThat(repository.search(AuditRepository.Query.all())).hasSize(1);
  }
}
