package org.ccpfhir.mdssearch.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.security.retention.RetentionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of the broker's Tasks (issue 8): a request whose site Tasks are all settled ({@link
 * TaskTransitions#SETTLED}) and none of which changed since the cutoff is deleted with its site
 * Tasks by the security layer's scheduled, audited purge (policy {@value #NAME}, {@code
 * ccp.retention.keep.broker-tasks}, default 90 days). Unsettled requests stay: expiry settles them
 * first ({@link ExpiryJob}).
 */
@Configuration
public class BrokerTaskRetention {

  static final String NAME = "broker-tasks";

  @Bean
  public RetentionPolicy brokerTaskRetentionPolicy(DataSource dataSource) {
    return policy(dataSource);
  }

  static RetentionPolicy policy(DataSource dataSource) {
    return new RetentionPolicy(
        NAME, "settled broker Tasks", Duration.ofDays(90), cutoff -> purge(dataSource, cutoff));
  }

  static int purge(DataSource dataSource, Instant cutoff) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String settled =
        String.join(",", TaskTransitions.SETTLED.stream().map(s -> "'" + s + "'").toList());
    Integer purged =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource))
            .execute(
                status -> {
                  List<String> requests =
                      jdbc.queryForList(
                          "SELECT r.id FROM broker_request r WHERE NOT EXISTS (SELECT 1 FROM"
                              + " broker_site_task t WHERE t.request_id = r.id AND (t.status NOT"
                              + " IN ("
                              + settled
                              + ") OR t.updated_ms >= ?))",
                          String.class,
                          cutoff.toEpochMilli());
                  for (String id : requests) {
                    jdbc.update("DELETE FROM broker_site_task WHERE request_id = ?", id);
                    jdbc.update("DELETE FROM broker_request WHERE id = ?", id);
                  }
                  return requests.size();
                });
    return purged == null ? 0 : purged;
  }
}
