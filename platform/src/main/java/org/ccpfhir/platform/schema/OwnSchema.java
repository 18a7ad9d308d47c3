package org.ccpfhir.platform.schema;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A feature's own tables: Flyway migrations under {@code classpath:db/<name>} with their own
 * history table {@code <name>_schema_history}, so that features and HAPI's JPA schema (managed by
 * Hibernate, never by Flyway) share one database without stepping on each other's versions.
 *
 * <p>A feature declares its schema as a bean — in a {@code static} {@code @Bean} method, since the
 * schemas are looked up while the database bean is being created — and {@link OwnSchemaMigration}
 * migrates it before any other bean can receive that database. Repositories therefore never
 * migrate; tests without Spring call {@link #migrate(DataSource)} themselves.
 *
 * @param name the feature's migration folder under {@code db/}, e.g. {@code ccp-audit}
 * @param database which database holds the tables: {@link #MAIN} (the app's {@code DataSource}) or
 *     the {@link OwnDatabase#name()} of a database of its own
 * @param javaMigrations steps SQL cannot express (e.g. secure random values), versioned alongside
 *     the SQL files of the same folder
 */
public record OwnSchema(String name, String database, List<JavaMigration> javaMigrations) {

  /** The app's {@code DataSource}. */
  public static final String MAIN = "main";

  public OwnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(database, "database");
    javaMigrations = List.copyOf(javaMigrations);
  }

  /** A schema of SQL migrations in the app's {@code DataSource}. */
  public static OwnSchema of(String name, JavaMigration... javaMigrations) {
    return new OwnSchema(name, MAIN, List.of(javaMigrations));
  }

  /** The same schema in another database (an {@link OwnDatabase}'s name). */
  public OwnSchema in(String otherDatabase) {
    return new OwnSchema(name, otherDatabase, javaMigrations);
  }

  /** Flyway's history table of this schema. */
  public String historyTable() {
    return name.replace('-', '_') + "_schema_history";
  }

  /**
   * Creates or updates the tables. Baseline 0 on a database that has other tables but not this
   * history table yet (HAPI's, other features'), so that V1 still runs there.
   */
  public void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/" + name)
        .javaMigrations(javaMigrations.toArray(JavaMigration[]::new))
        .table(historyTable())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
