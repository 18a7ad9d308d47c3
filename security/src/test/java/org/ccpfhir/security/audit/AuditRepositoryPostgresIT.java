package org.ccpfhir.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The audit store on a real PostgreSQL ({@code CCP_TEST_DB_URL}), in a schema of its own. */
class AuditRepositoryPostgresIT {

  private final String url =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_URL"))
          .orElse("jdbc:postgresql://localhost:5432/test");
  private final String user =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_USER")).orElse("postgres");
  private final String password =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_PASSWORD")).orElse("");
  private final String schema = "audit_it_" + Long.toHexString(System.nanoTime());
  private JdbcTemplate admin;
  private DataSource dataSource;

  @BeforeEach
  void createSchema() {
    admin = new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    admin.execute("CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    dataSource =
        new DriverManagerDataSource(url + separator + "currentSchema=" + schema, user, password);
  }

  @AfterEach
  void dropSchema() {
    admin.execute("DROP SCHEMA " + schema + " CASCADE");
  }

  @Test
  void migratesStoresSearchesAndPurges() {
    AuditRepository.migrate(dataSource);
    AuditRepository.migrate(dataSource); // a second start finds the table in place
    AuditRepository repository = new AuditRepository(dataSource);
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
