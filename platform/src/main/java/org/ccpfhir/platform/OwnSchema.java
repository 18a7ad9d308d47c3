package org.ccpfhir.platform;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Flyway for a feature's own tables: each feature has its migrations under {@code db/<name>} and
 * its own history table, so they can share a database with each other and with HAPI's schema
 * without stepping on each other's versions.
 */
public final class OwnSchema {

  private OwnSchema() {}

  /** Migrates {@code classpath:db/<name>} with history table {@code <name>_schema_history}. */
  public static void migrate(DataSource dataSource, String name) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/" + name)
        .table(name.replace('-', '_') + "_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
