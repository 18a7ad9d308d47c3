package org.ccpfhir.bridgehead.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A bridgehead holds few PostgreSQL connections when idle: a few components plus their tests must
 * fit into PostgreSQL's default 100 connections.
 */
class ConnectionPoolIT extends PostgresIT {

  /**
   * The idle minimum (2) plus the connections that periodic jobs keep warm (audit writer, search
   * agent, schedulers): Hikari hands a thread its last connection again, so each of them keeps one
   * from idling out. Before: the whole pool (20) stayed open.
   */
  private static final int KEPT_WHEN_IDLE = 6;

  @Autowired DataSource dataSource;

  @Test
  void afterBusyRequestsTheIdleBridgeheadKeepsOnlyItsIdleMinimumOpen() throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    String name = pool.getDataSourceProperties().getProperty("ApplicationName");
    assertThat(name).startsWith("fhir-bridgehead-it-");
    assertThat(pool.getMinimumIdle()).isLessThanOrEqualTo(2);

    List<CompletableFuture<Void>> busy = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      busy.add(
          CompletableFuture.runAsync(() -> fhir().get("/Patient?_count=5").then().statusCode(200)));
    }
    CompletableFuture.allOf(busy.toArray(CompletableFuture[]::new)).get();

    // a connection of its own, not from the pool under test
    JdbcTemplate outside =
        new JdbcTemplate(
            new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
    long deadline = System.nanoTime() + 120_000_000_000L;
    List<String> open;
    do {
      Thread.sleep(1000);
      open =
          outside.queryForList(
              "SELECT state FROM pg_stat_activity WHERE application_name = ?", String.class, name);
    } while (open.size() > KEPT_WHEN_IDLE && System.nanoTime() < deadline);
    assertThat(open)
        .as("connections of the idle bridgehead (states)")
        .hasSizeBetween(1, KEPT_WHEN_IDLE);
  }
}
