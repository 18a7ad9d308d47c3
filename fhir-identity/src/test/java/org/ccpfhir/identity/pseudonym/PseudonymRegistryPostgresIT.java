package org.ccpfhir.identity.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The registry on a real PostgreSQL ({@code CCP_TEST_DB_URL}), in a schema of its own. */
class PseudonymRegistryPostgresIT {

  private final String url =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_URL"))
          .orElse("jdbc:postgresql://localhost:5432/test");
  private final String user =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_USER")).orElse("postgres");
  private final String password =
      Optional.ofNullable(System.getenv("CCP_TEST_DB_PASSWORD")).orElse("");
  private final String schema = "pseudonym_it_" + Long.toHexString(System.nanoTime());
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
  void issuesUniqueValuesAndKeepsRetiredOnesReserved() {
    PseudonymRegistry.migrate(dataSource);
    PseudonymRegistry registry =
        new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
    Set<String> values = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      values.add(registry.issue("BK-TUE-L"));
    }
    String retired = values.iterator().next();

    assertThat(values).hasSize(500);
    assertThat(registry.retire(retired)).isTrue();
    assertThat(registry.retire(retired)).isFalse();
    assertThat(registry.isRetired(retired)).isTrue();
    assertThat(registry.isIssued(retired)).isTrue();
  }
}
