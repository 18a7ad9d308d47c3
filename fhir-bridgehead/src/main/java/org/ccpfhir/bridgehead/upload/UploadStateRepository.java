package org.ccpfhir.bridgehead.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Teiler's own tables (Flyway {@code db/ccp-upload}): per patient what the MDS database holds
 * (kind, content hash), and one row per run. State changes of a batch are one transaction, written
 * after the MDS database acknowledged the batch.
 */
public class UploadStateRepository {

  /** The Teiler's migrations, {@code db/ccp-upload}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-upload");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public UploadStateRepository(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /** What the MDS database holds of one patient. */
  public record State(
      String patientId, ConsentKind kind, String bkLocal, String bkGlobal, String contentHash) {}

  private static final String STATE_COLUMNS =
      "SELECT patient_id, kind, bk_local, bk_global, content_hash FROM ccp_upload_state";

  public Map<String, State> all() {
    Map<String, State> states = new HashMap<>();
    jdbc.query(
        STATE_COLUMNS,
        row -> {
          State state = state(row);
          states.put(state.patientId(), state);
        });
    return states;
  }

  /** One patient's state, if the Teiler keeps one. */
  public Optional<State> find(String patientId) {
    return jdbc
        .query(STATE_COLUMNS + " WHERE patient_id = ?", (row, n) -> state(row), patientId)
        .stream()
        .findFirst();
  }

  private static State state(ResultSet row) throws SQLException {
    return new State(
        row.getString(1),
        ConsentKind.valueOf(row.getString(2)),
        row.getString(3),
        row.getString(4),
        row.getString(5));
  }

  /** Records an acknowledged batch: stored states replace earlier ones, removed ones go. */
  public void commit(Collection<State> stored, Collection<String> removed) {
    long now = clock.millis();
    transactions.executeWithoutResult(
        status -> {
          if (!removed.isEmpty()) {
            jdbc.batchUpdate(
                "DELETE FROM ccp_upload_state WHERE patient_id = ?",
                removed.stream().map(id -> new Object[] {id}).toList());
          }
          if (!stored.isEmpty()) {
            jdbc.batchUpdate(
                "DELETE FROM ccp_upload_state WHERE patient_id = ?",
                stored.stream().map(s -> new Object[] {s.patientId()}).toList());
            jdbc.batchUpdate(
                "INSERT INTO ccp_upload_state (patient_id, kind, bk_local, bk_global,"
                    + " content_hash, uploaded_ms) VALUES (?,?,?,?,?,?)",
                stored.stream()
                    .map(
                        s ->
                            new Object[] {
                              s.patientId(),
                              s.kind().name(),
                              s.bkLocal(),
                              s.bkGlobal(),
                              s.contentHash(),
                              now
                            })
                    .toList());
          }
        });
  }

  /** What a run did (also the answer of {@code $upload-status}). */
  public record Run(
      long id,
      String trigger,
      long startedMs,
      Long finishedMs,
      String status,
      int considered,
      int uploaded,
      int deleted,
      int unchanged,
      int failed,
      String message) {}

  public long startRun(String trigger) {
    long started = clock.millis();
    jdbc.update(
        "INSERT INTO ccp_upload_run (trigger_kind, started_ms, status) VALUES (?,?,'running')",
        trigger,
        started);
    return jdbc.queryForObject(
        "SELECT MAX(id) FROM ccp_upload_run WHERE trigger_kind = ? AND started_ms = ?",
        Long.class,
        trigger,
        started);
  }

  /**
   * Marks runs left "running" by a bridgehead that stopped or crashed during them as interrupted.
   * Their acknowledged batches are recorded; the next run sends the rest.
   */
  public int closeInterruptedRuns() {
    return jdbc.update(
        "UPDATE ccp_upload_run SET status = 'interrupted', finished_ms = ?, message = ?"
            + " WHERE status = 'running'",
        clock.millis(),
        "the bridgehead stopped during the run; the next run sends what was not acknowledged");
  }

  public void finishRun(long id, UploadCounts counts, String status, String message) {
    jdbc.update(
        "UPDATE ccp_upload_run SET finished_ms = ?, status = ?, considered = ?, uploaded = ?,"
            + " deleted = ?, unchanged = ?, failed = ?, message = ? WHERE id = ?",
        clock.millis(),
        status,
        counts.considered(),
        counts.uploaded(),
        counts.deleted(),
        counts.unchanged(),
        counts.failed(),
        message == null || message.length() <= 1000 ? message : message.substring(0, 1000),
        id);
  }

  private static final String RUN_COLUMNS =
      "SELECT id, trigger_kind, started_ms, finished_ms, status, considered, uploaded, deleted,"
          + " unchanged, failed, message FROM ccp_upload_run";

  public List<Run> lastRuns(int count) {
    return jdbc.query(
        RUN_COLUMNS + " ORDER BY id DESC FETCH FIRST " + Math.max(1, count) + " ROWS ONLY",
        UploadStateRepository::toRun);
  }

  /** One run by its id (not "the last one": another run may have started since). */
  public Run run(long id) {
    return jdbc.queryForObject(RUN_COLUMNS + " WHERE id = ?", UploadStateRepository::toRun, id);
  }

  private static Run toRun(ResultSet row, int index) throws SQLException {
    return new Run(
        row.getLong(1),
        row.getString(2),
        row.getLong(3),
        (Long) row.getObject(4, Long.class),
        row.getString(5),
        row.getInt(6),
        row.getInt(7),
        row.getInt(8),
        row.getInt(9),
        row.getInt(10),
        row.getString(11));
  }
}
