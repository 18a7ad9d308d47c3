package org.ccpfhir.mdssearch.broker.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's tables ({@code db/ccp-broker}, history table {@code ccp_broker_schema_history}).
 * Writes that change a site Task's {@code updated_ms} run under one lock and commit before it is
 * released, so a site whose cursor passed a stamp can never later see a smaller one appear.
 */
public class BrokerRepository {

  /** The tables' migrations, {@code db/ccp-broker}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-broker");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private long lastStamp;

  public BrokerRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    Long max = jdbc.queryForObject("SELECT MAX(updated_ms) FROM broker_site_task", Long.class);
    this.lastStamp = max == null ? 0 : max;
  }

  /** Stores a request and its site Tasks in one transaction; the Tasks get fresh stamps. */
  public synchronized List<StoredSiteTask> insert(
      StoredRequest request, List<String> sites, long now) {
    return transactions.execute(
        status -> {
          jdbc.update(
              "INSERT INTO broker_request (id, requester, task_json, valid_until_ms, created_ms)"
                  + " VALUES (?, ?, ?, ?, ?)",
              request.id(),
              request.requester(),
              request.taskJson(),
              request.validUntilMs(),
              request.createdMs());
          return sites.stream()
              .map(
                  site -> {
                    StoredSiteTask task =
                        new StoredSiteTask(
                            request.id() + "-" + site,
                            request.id(),
                            site,
                            "requested",
                            null,
                            null,
                            null,
                            1,
                            stamp(now));
                    jdbc.update(
                        "INSERT INTO broker_site_task (id, request_id, site, status, version,"
                            + " updated_ms) VALUES (?, ?, ?, ?, ?, ?)",
                        task.id(),
                        task.requestId(),
                        task.site(),
                        task.status(),
                        task.version(),
                        task.updatedMs());
                    return task;
                  })
              .toList();
        });
  }

  /**
   * Replaces a site Task's state if it is still at {@code expectedVersion}.
   *
   * @return the stored Task with its new stamp, or empty when someone else changed it first
   */
  public synchronized Optional<StoredSiteTask> update(
      StoredSiteTask changed, int expectedVersion, long now) {
    StoredSiteTask stamped =
        new StoredSiteTask(
            changed.id(),
            changed.requestId(),
            changed.site(),
            changed.status(),
            changed.businessStatus(),
            changed.reason(),
            changed.outputBase64(),
            expectedVersion + 1,
            stamp(now));
    int rows =
        jdbc.update(
            "UPDATE broker_site_task SET status = ?, business_status = ?, reason = ?,"
                + " output_b64 = ?, version = ?, updated_ms = ? WHERE id = ? AND version = ?",
            stamped.status(),
            stamped.businessStatus(),
            stamped.reason(),
            stamped.outputBase64(),
            stamped.version(),
            stamped.updatedMs(),
            stamped.id(),
            expectedVersion);
    return rows == 1 ? Optional.of(stamped) : Optional.empty();
  }

  private long stamp(long now) {
    lastStamp = Math.max(now, lastStamp + 1);
    return lastStamp;
  }

  public Optional<StoredRequest> request(String id) {
    return jdbc
        .query("SELECT * FROM broker_request WHERE id = ?", BrokerRepository::request, id)
        .stream()
        .findFirst();
  }

  public List<StoredRequest> requestsOf(String requester, int limit) {
    return jdbc.query(
        "SELECT * FROM broker_request WHERE requester = ? ORDER BY created_ms DESC LIMIT ?",
        BrokerRepository::request,
        requester,
        limit);
  }

  public Optional<StoredSiteTask> siteTask(String id) {
    return jdbc
        .query("SELECT * FROM broker_site_task WHERE id = ?", BrokerRepository::siteTask, id)
        .stream()
        .findFirst();
  }

  public List<StoredSiteTask> siteTasksOf(String requestId) {
    return jdbc.query(
        "SELECT * FROM broker_site_task WHERE request_id = ? ORDER BY site",
        BrokerRepository::siteTask,
        requestId);
  }

  /** A site's Tasks changed after the cursor, oldest change first. */
  public List<StoredSiteTask> changedSince(String site, long afterMs, int limit) {
    return jdbc.query(
        "SELECT * FROM broker_site_task WHERE site = ? AND updated_ms > ?"
            + " ORDER BY updated_ms LIMIT ?",
        BrokerRepository::siteTask,
        site,
        afterMs,
        limit);
  }

  /** Site Tasks not yet settled whose request's validity ended before {@code now}. */
  public List<StoredSiteTask> unsettledExpired(long now) {
    return jdbc.query(
        "SELECT t.* FROM broker_site_task t JOIN broker_request r ON r.id = t.request_id"
            + " WHERE r.valid_until_ms < ? AND t.status IN ('requested', 'received', 'accepted')",
        BrokerRepository::siteTask,
        now);
  }

  /** How many site Tasks are not settled yet (requested, received or accepted). */
  public long openSiteTasks() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM broker_site_task"
            + " WHERE status IN ('requested', 'received', 'accepted')",
        Long.class);
  }

  private static StoredRequest request(ResultSet rs, int row) throws SQLException {
    return new StoredRequest(
        rs.getString("id"),
        rs.getString("requester"),
        rs.getString("task_json"),
        rs.getLong("valid_until_ms"),
        rs.getLong("created_ms"));
  }

  private static StoredSiteTask siteTask(ResultSet rs, int row) throws SQLException {
    return new StoredSiteTask(
        rs.getString("id"),
        rs.getString("request_id"),
        rs.getString("site"),
        rs.getString("status"),
        rs.getString("business_status"),
        rs.getString("reason"),
        rs.getString("output_b64"),
        rs.getInt("version"),
        rs.getLong("updated_ms"));
  }
}
