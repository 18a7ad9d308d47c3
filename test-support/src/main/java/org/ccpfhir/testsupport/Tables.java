package org.ccpfhir.testsupport;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which tables a test database holds (where a schema's tables went). */
public final class Tables {

  private Tables() {}

  /** The tables of the {@code public} schema (H2's {@code PUBLIC}), names in lower case. */
  public static List<String> inPublicSchema(DataSource dataSource) {
    return new JdbcTemplate(dataSource)
        .queryForList(
            "SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = 'public'",
            String.class);
  }
}
