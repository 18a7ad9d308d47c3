package org.ccpfhir.bridgehead.searchagent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agent's and the approval's tables ({@code db/ccp-searchagent}, history table {@code
 * ccp_searchagent_schema_history}), next to HAPI's schema in the bridgehead's database.
 */
public class SearchAgentRepository {

  /** The tables' migrations, {@code db/ccp-searchagent}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-searchagent");

  private static final String CURSOR = "broker";

  private final JdbcTemplate jdbc;

  public SearchAgentRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public Optional<String> cursor() {
    return jdbc
        .queryForList(
            "SELECT last_updated FROM ccp_search_agent_cursor WHERE id = ?", String.class, CURSOR)
        .stream()
        .findFirst();
  }

  public void saveCursor(String lastUpdated) {
    if (jdbc.update(
            "UPDATE ccp_search_agent_cursor SET last_updated = ? WHERE id = ?", lastUpdated, CURSOR)
        == 0) {
      jdbc.update(
          "INSERT INTO ccp_search_agent_cursor (id, last_updated) VALUES (?, ?)",
          CURSOR,
          lastUpdated);
    }
  }

  public void insert(LocalSearchRequest request, long now) {
    jdbc.update(
        "INSERT INTO ccp_search_request (task_id, request_id, requester, criteria, prose,"
            + " valid_until_ms, certificate_b64, status, matches, match_count, evaluation_error,"
            + " outbox_pending, received_ms, updated_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)",
        request.taskId(),
        request.requestId(),
        request.requester(),
        request.criteria(),
        request.prose(),
        request.validUntilMs(),
        request.certificateBase64(),
        request.status(),
        String.join("\n", request.matches()),
        request.matches().size(),
        request.evaluationError(),
        request.receivedMs(),
        now);
  }

  public Optional<LocalSearchRequest> find(String taskId) {
    return jdbc
        .query(
            "SELECT * FROM ccp_search_request WHERE task_id = ?",
            SearchAgentRepository::row,
            taskId)
        .stream()
        .findFirst();
  }

  /** Stores the evaluation's result: the matching local Patients, or why there are none. */
  public void saveMatches(String taskId, List<String> matches, String error, long now) {
    jdbc.update(
        "UPDATE ccp_search_request SET matches = ?, match_count = ?, evaluation_error = ?,"
            + " evaluated = TRUE, updated_ms = ? WHERE task_id = ?",
        String.join("\n", matches),
        matches.size(),
        error,
        now,
        taskId);
  }

  public List<LocalSearchRequest> unevaluated() {
    return jdbc.query(
        "SELECT * FROM ccp_search_request WHERE evaluated = FALSE ORDER BY received_ms",
        SearchAgentRepository::row);
  }

  /** Newest first. */
  public List<LocalSearchRequest> all(int limit) {
    return jdbc.query(
        "SELECT * FROM ccp_search_request ORDER BY received_ms DESC LIMIT ?",
        SearchAgentRepository::row,
        limit);
  }

  public List<LocalSearchRequest> pendingDecisions() {
    return jdbc.query(
        "SELECT * FROM ccp_search_request WHERE outbox_pending = TRUE ORDER BY updated_ms",
        SearchAgentRepository::row);
  }

  /** Queue lengths for the metrics: counted in the database, no rows loaded. */
  public int countUnevaluated() {
    return jdbc.queryForObject(
        "SELECT count(*) FROM ccp_search_request WHERE evaluated = FALSE", Integer.class);
  }

  public int countPendingDecisions() {
    return jdbc.queryForObject(
        "SELECT count(*) FROM ccp_search_request WHERE outbox_pending = TRUE", Integer.class);
  }

  /** Records a decision to be sent, if none was taken before; false if one was. */
  public boolean decide(LocalSearchRequest decided, long now) {
    return jdbc.update(
            "UPDATE ccp_search_request SET decision = ?, decided_by = ?, reason = ?, released = ?,"
                + " message = ?, outbox_pending = TRUE, updated_ms = ?"
                + " WHERE task_id = ? AND decision IS NULL",
            decided.decision(),
            decided.decidedBy(),
            decided.reason(),
            decided.released(),
            decided.message(),
            now,
            decided.taskId())
        == 1;
  }

  /** The broker's state of the Task; {@code sent} clears the outbox. */
  public void updateStatus(String taskId, String status, boolean sent, long now) {
    jdbc.update(
        "UPDATE ccp_search_request SET status = ?, updated_ms = ?"
            + (sent ? ", outbox_pending = FALSE" : "")
            + " WHERE task_id = ?",
        status,
        now,
        taskId);
  }

  private static LocalSearchRequest row(ResultSet rs, int row) throws SQLException {
    String matches = rs.getString("matches");
    return new LocalSearchRequest(
        rs.getString("task_id"),
        rs.getString("request_id"),
        rs.getString("requester"),
        rs.getString("criteria"),
        rs.getString("prose"),
        rs.getLong("valid_until_ms"),
        rs.getString("certificate_b64"),
        rs.getString("status"),
        matches.isEmpty() ? List.of() : Arrays.asList(matches.split("\n")),
        rs.getBoolean("evaluated"),
        rs.getString("evaluation_error"),
        rs.getString("decision"),
        rs.getString("decided_by"),
        rs.getString("reason"),
        rs.getString("released"),
        rs.getString("message"),
        rs.getBoolean("outbox_pending"),
        rs.getLong("received_ms"));
  }
}
