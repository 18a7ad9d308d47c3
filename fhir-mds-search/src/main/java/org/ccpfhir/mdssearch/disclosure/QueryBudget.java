package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-user query budgets, persisted in {@code mds_query_log}: at most N counted queries per rolling
 * hour and M per rolling week. A refused query is not charged.
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
   * Charges one query to the user.
   *
   * @throws BudgetExceededException when the hourly or weekly budget is used up
   */
  public synchronized void charge(String user) {
    long now = clock.millis();
    transactions.executeWithoutResult(
        status -> {
          check(user, now, HOUR, properties.hourlyBudget(), "hourly");
          check(user, now, WEEK, properties.weeklyBudget(), "weekly");
          jdbc.update("INSERT INTO mds_query_log (user_id, asked_ms) VALUES (?,?)", user, now);
        });
  }

  private void check(String user, long now, Duration window, int limit, String name) {
    long since = now - window.toMillis();
    Integer used =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM mds_query_log WHERE user_id = ? AND asked_ms > ?",
            Integer.class,
            user,
            since);
    if (used != null && used >= limit) {
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
              + " queries per "
              + (window.equals(HOUR) ? "hour" : "week")
              + " ("
              + name
              + " budget); retry in "
              + retry.toSeconds()
              + " s",
          retry);
    }
  }
}
