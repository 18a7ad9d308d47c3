package org.ccpfhir.bridgehead.pseudonym;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnDatabase;
import org.ccpfhir.platform.schema.OwnSchema;

/**
 * Where the local patient list keeps its tables: the bridgehead's database by default, or — when
 * {@code ccp.local-patient-list.datasource.url} is set — a database (or PostgreSQL schema, with
 * {@code ?currentSchema=…}) of its own, so that the IDAT can live apart from the MDAT under other
 * credentials and backups.
 */
public final class LocalPatientListDatabase implements OwnDatabase, AutoCloseable {

  /** The {@link OwnSchema#database()} of the list's tables. */
  public static final String NAME = "local-patient-list";

  private final DataSource dataSource;
  private final HikariDataSource own;

  LocalPatientListDatabase(DataSource shared, LocalPatientListProperties.Database settings) {
    if (settings == null || settings.url() == null || settings.url().isBlank()) {
      this.own = null;
      this.dataSource = shared;
    } else {
      this.own = new HikariDataSource();
      own.setPoolName("local-patient-list");
      own.setJdbcUrl(settings.url());
      own.setUsername(settings.username());
      own.setPassword(settings.password());
      own.setMaximumPoolSize(settings.maxPoolSize());
      own.setMinimumIdle(Math.min(settings.minIdle(), settings.maxPoolSize()));
      own.setIdleTimeout(settings.idleTimeout().toMillis());
      this.dataSource = own;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether the list has a database of its own. */
  public boolean separate() {
    return own != null;
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }
}
