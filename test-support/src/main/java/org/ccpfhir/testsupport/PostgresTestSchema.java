package org.ccpfhir.testsupport;

import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh schema on the test PostgreSQL ({@code CCP_TEST_DB_URL}, default the local {@code test}
 * database, user {@code postgres}) for each test, dropped afterwards. Use as a JUnit extension
 * field: {@code @RegisterExtension final PostgresTestSchema postgres = new
 * PostgresTestSchema("audit");}. Shared with other modules through this module's test jar.
 */
public final class PostgresTestSchema implements BeforeEachCallback, AfterEachCallback {

  private final String prefix;
  private final String url = env("CCP_TEST_DB_URL", "jdbc:postgresql://localhost:5432/test");
  private final String user = env("CCP_TEST_DB_USER", "postgres");
  private final String password = env("CCP_TEST_DB_PASSWORD", "");
  private String schema;
  private DataSource dataSource;

  public PostgresTestSchema(String prefix) {
    this.prefix = prefix;
  }

  /** The data source on the test's own schema. */
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    schema = prefix + "_it_" + Long.toHexString(System.nanoTime());
    admin().execute("CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    dataSource =
        new DriverManagerDataSource(url + separator + "currentSchema=" + schema, user, password);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    admin().execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private JdbcTemplate admin() {
    return new JdbcTemplate(new DriverManagerDataSource(url, user, password));
  }

  private static String env(String name, String fallback) {
    return Optional.ofNullable(System.getenv(name)).orElse(fallback);
  }
}
