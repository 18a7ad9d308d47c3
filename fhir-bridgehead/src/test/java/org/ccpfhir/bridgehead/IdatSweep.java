package org.ccpfhir.bridgehead;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Searches every table of the bridgehead's PostgreSQL schema for identifying data (privacy ITs).
 */
public final class IdatSweep {

  private IdatSweep() {}

  /** The base tables of the current schema. */
  public static List<String> tables(DataSource dataSource) {
    return new JdbcTemplate(dataSource)
        .queryForList(
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            String.class);
  }

  /** "needle in table t" for every table whose rows contain one of the needles as text. */
  public static List<String> found(
      DataSource dataSource, List<String> tables, List<String> needles) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      for (String needle : needles) {
        Integer rows =
            jdbc.queryForObject(
                "SELECT count(*) FROM " + table + " t WHERE CAST(t AS TEXT) LIKE ?",
                Integer.class,
                "%" + needle + "%");
        if (rows != null && rows > 0) {
          found.add(needle + " in table " + table);
        }
      }
    }
    return found;
  }
}
