package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-user budgets of released cells, persisted in {@code mds_query_log}: at most N cells per
 * rolling hour and M per rolling week. The charge and the release record ({@code mds_release}, true
 * and released values) are written in one transaction, committed before the answer leaves: a crash
 * leaves either no answer or a complete record. A refused request is not charged.
 */
public class QueryBudget {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WEEK = Duration.ofDays(7);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final DisclosureProperties properties;
  private final Clock clock;

  public QueryBudget(DataSource dataSource, DisclosureProperties properties, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Whether the user may receive this many cells now (before the request is evaluated); writes
   * nothing.
   *
   * @throws BudgetExceededException when the hourly or weekly budget does not hold them
   */
  public void check(String user, int cells) {
    long now = clock.millis();
    check(user, cells, now, HOUR, properties.hourlyBudget(), "hourly");
    check(user, cells, now, WEEK, properties.weeklyBudget(), "weekly");
  }

  /**
   * Charges the cells to the user and records the release, in one committed transaction.
   *
   * @param detail the release record: the query and every cell's true and released value
   * @throws BudgetExceededException when the budget does not hold them (nothing written)
   */
  public synchronized void charge(String user, int cells, String detail) {
    long now = clock.millis();
    transactions.executeWithoutResult(
        status -> {
          check(user, cells, now, HOUR, properties.hourlyBudget(), "hourly");
          check(user, cells, now, WEEK, properties.weeklyBudget(), "weekly");
          jdbc.update(
              "INSERT INTO mds_query_log (user_id, asked_ms, cells) VALUES (?,?,?)",
              user,
              now,
              cells);
          jdbc.update(
              "INSERT INTO mds_release (user_id, released_ms, cells, detail) VALUES (?,?,?,?)",
              user,
              now,
              cells,
              detail);
        });
  }

  /** Cells charged to the user in the last rolling week (tests, operators). */
  public long spent(String user) {
    return used(user, clock.millis() - WEEK.toMillis());
  }

  /** Release records of the user (tests, operators): the durable trail of what was released. */
  public long releases(String user) {
    Long count =
        jdbc.queryForObject("SELECT COUNT(*) FROM mds_release WHERE user_id = ?", Long.class, user);
    return count == null ? 0 : count;
  }

  private long used(String user, long since) {
    Long used =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(cells), 0) FROM mds_query_log WHERE user_id = ? AND asked_ms > ?",
            Long.class,
            user,
            since);
    return used == null ? 0 : used;
  }

  private void check(String user, int cells, long now, Duration window, int limit, String name) {
    long since = now - window.toMillis();
    long used = used(user, since);
    if (used + cells > limit) {
      Long oldest =
          jdbc.queryForObject(
              "SELECT MIN(asked_ms) FROM mds_query_log WHERE user_id = ? AND asked_ms > ?",
              Long.class,
              user,
              since);
      Duration retry =
          Duration.ofMillis(
              Math.max(1000, (oldest == null ? now : oldest) + window.toMillis() - now));
      throw new BudgetExceededException(
          "query budget used up: "
              + limit
              + " cells per "
              + (window.equals(HOUR) ? "hour" : "week")
              + " ("
              + name
              + " budget; "
              + used
              + " used, this request releases "
              + cells
              + "); retry in "
              + retry.toSeconds()
              + " s",
          retry);
    }
  }
}
