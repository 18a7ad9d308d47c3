package org.ccpfhir.bridgehead.withdrawal.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalStep;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;
import org.springframework.jdbc.core.JdbcTemplate;

/** The withdrawals' own tables (Flyway {@code db/ccp-withdrawal}). */
public class WithdrawalRepository {

  /** The withdrawals' migrations, {@code db/ccp-withdrawal}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-withdrawal");

  private static final String COLUMNS =
      "id, mode, status, created_ms, updated_ms, attempts, next_attempt_ms, last_error,"
          + " completion, bk_local, bk_global, held_kind, patient_ids, origin, notice_id,"
          + " central_case, deadline";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public WithdrawalRepository(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /** A withdrawal received here; its deadline counts from now. */
  public String create(String mode, String bkLocal) {
    return insert(mode, bkLocal, null, Withdrawal.SITE, null, null, null);
  }

  /**
   * A withdrawal the central list told this site of (the person was withdrawn at another site).
   *
   * @param bkGlobal this site's global pseudonym of the person, as the notice names it
   * @param deadline the central list's deadline
   */
  public String createNotified(
      String mode, String bkGlobal, String noticeId, String centralCase, LocalDate deadline) {
    return insert(mode, null, bkGlobal, Withdrawal.CENTRAL_LIST, noticeId, centralCase, deadline);
  }

  private String insert(
      String mode,
      String bkLocal,
      String bkGlobal,
      String origin,
      String noticeId,
      String centralCase,
      LocalDate deadline) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    LocalDate due = deadline != null ? deadline : WithdrawalDeadline.of(Instant.ofEpochMilli(now));
    jdbc.update(
        "INSERT INTO ccp_withdrawal (id, mode, status, created_ms, updated_ms, next_attempt_ms,"
            + " bk_local, bk_global, origin, notice_id, central_case, deadline)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        id,
        mode,
        Withdrawal.IN_PROGRESS,
        now,
        now,
        now,
        bkLocal,
        bkGlobal,
        origin,
        noticeId,
        centralCase,
        java.sql.Date.valueOf(due));
    return id;
  }

  /** The withdrawal a notice of the central list started here, if one did. */
  public Optional<Withdrawal> findByNotice(String noticeId) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM ccp_withdrawal WHERE notice_id = ?", this::row, noticeId)
        .stream()
        .findFirst();
  }

  /** The central list's case of a withdrawal received here, from its answer. */
  public void centralCase(String id, String centralCase) {
    jdbc.update("UPDATE ccp_withdrawal SET central_case = ? WHERE id = ?", centralCase, id);
  }

  public Optional<Withdrawal> find(String id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM ccp_withdrawal WHERE id = ?", this::row, id)
        .stream()
        .findFirst();
  }

  /** The unfinished withdrawal of a local pseudonym, if one runs. */
  public Optional<String> inProgressFor(String bkLocal) {
    return jdbc
        .queryForList(
            "SELECT id FROM ccp_withdrawal WHERE bk_local = ? AND status = ?",
            String.class,
            bkLocal,
            Withdrawal.IN_PROGRESS)
        .stream()
        .findFirst();
  }

  public List<String> due() {
    return jdbc.queryForList(
        "SELECT id FROM ccp_withdrawal WHERE status = ? AND next_attempt_ms <= ? ORDER BY"
            + " created_ms",
        String.class,
        Withdrawal.IN_PROGRESS,
        clock.millis());
  }

  public List<Withdrawal> latest(int count) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM ccp_withdrawal ORDER BY created_ms DESC FETCH FIRST "
            + Math.max(1, count)
            + " ROWS ONLY",
        this::row);
  }

  /** What the first step learnt about the patient, kept until completion. */
  public void prepared(
      String id, String bkLocal, String bkGlobal, String heldKind, List<String> patientIds) {
    jdbc.update(
        "UPDATE ccp_withdrawal SET bk_local = ?, bk_global = ?, held_kind = ?, patient_ids = ?"
            + " WHERE id = ?",
        bkLocal,
        bkGlobal,
        heldKind,
        String.join(",", patientIds),
        id);
  }

  public void confirm(String id, WithdrawalStep step, String confirmation) {
    long now = clock.millis();
    jdbc.update(
        "INSERT INTO ccp_withdrawal_step (withdrawal_id, step, confirmation, confirmed_ms)"
            + " VALUES (?,?,?,?)",
        id,
        step.name(),
        confirmation,
        now);
    jdbc.update(
        "UPDATE ccp_withdrawal SET updated_ms = ?, last_error = NULL WHERE id = ?", now, id);
  }

  /** A component beyond the steps (another site, a CCP application) and its state. */
  public record Component(String component, String state, String detail, long updatedMs) {}

  /** Records a component's state (replacing the previous one). */
  public void component(String id, String component, String state, String detail) {
    String limited = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    long now = clock.millis();
    if (jdbc.update(
            "UPDATE ccp_withdrawal_component SET state = ?, detail = ?, updated_ms = ?"
                + " WHERE withdrawal_id = ? AND component = ?",
            state,
            limited,
            now,
            id,
            component)
        == 0) {
      jdbc.update(
          "INSERT INTO ccp_withdrawal_component (withdrawal_id, component, state, detail,"
              + " updated_ms) VALUES (?,?,?,?,?)",
          id,
          component,
          state,
          limited,
          now);
    }
  }

  public List<Component> components(String id) {
    return jdbc.query(
        "SELECT component, state, detail, updated_ms FROM ccp_withdrawal_component"
            + " WHERE withdrawal_id = ? ORDER BY component",
        (rs, i) -> new Component(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
        id);
  }

  /** Withdrawals still in progress after their deadline day (the overdue gauge). */
  public int countOverdue(LocalDate today) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ccp_withdrawal WHERE status = ? AND deadline < ?",
        Integer.class,
        Withdrawal.IN_PROGRESS,
        java.sql.Date.valueOf(today));
  }

  public int countInProgress() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ccp_withdrawal WHERE status = ?",
        Integer.class,
        Withdrawal.IN_PROGRESS);
  }

  /** A failed attempt: retried at {@code nextAttemptMs}. */
  public void failed(String id, String error, long nextAttemptMs) {
    jdbc.update(
        "UPDATE ccp_withdrawal SET attempts = attempts + 1, last_error = ?, next_attempt_ms = ?,"
            + " updated_ms = ? WHERE id = ?",
        error.length() <= 500 ? error : error.substring(0, 500),
        nextAttemptMs,
        clock.millis(),
        id);
  }

  /** Every step confirmed: the completion record stays, the protected state goes. */
  public void complete(String id, String completion) {
    jdbc.update(
        "UPDATE ccp_withdrawal SET status = ?, completion = ?, updated_ms = ?, next_attempt_ms ="
            + " NULL, last_error = NULL, bk_local = NULL, bk_global = NULL, held_kind = NULL,"
            + " patient_ids = NULL WHERE id = ?",
        Withdrawal.COMPLETED,
        completion,
        clock.millis(),
        id);
  }

  private Withdrawal row(ResultSet rs, int i) throws SQLException {
    String id = rs.getString(1);
    String patients = rs.getString(13);
    return new Withdrawal(
        id,
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getInt(6),
        rs.getObject(7, Long.class),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        patients == null || patients.isEmpty() ? List.of() : Arrays.asList(patients.split(",")),
        steps(id),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        deadline(rs.getDate(17), rs.getLong(4)));
  }

  /** Rows from before deadlines were stored count from their creation. */
  private static LocalDate deadline(java.sql.Date stored, long createdMs) {
    return stored != null
        ? stored.toLocalDate()
        : WithdrawalDeadline.of(Instant.ofEpochMilli(createdMs));
  }

  private Map<WithdrawalStep, Withdrawal.Confirmation> steps(String id) {
    Map<WithdrawalStep, Withdrawal.Confirmation> steps = new EnumMap<>(WithdrawalStep.class);
    jdbc.query(
        "SELECT step, confirmation, confirmed_ms FROM ccp_withdrawal_step WHERE withdrawal_id = ?",
        rs -> {
          steps.put(
              WithdrawalStep.valueOf(rs.getString(1)),
              new Withdrawal.Confirmation(rs.getString(2), rs.getLong(3)));
        },
        id);
    return steps;
  }
}
