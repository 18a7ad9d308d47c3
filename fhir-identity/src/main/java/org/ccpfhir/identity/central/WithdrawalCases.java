package org.ccpfhir.identity.central;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdrawal cases at the central patient list (CCP-IT §6.5, Flyway {@code
 * db/ccp-central-withdrawal}): the case a site's withdrawal opened, and one notice per other site
 * that holds a global pseudonym of the person. Sites fetch their notices (they accept no inbound
 * connections) and confirm them; the confirmation stays with the notice, the pseudonym goes.
 */
public class WithdrawalCases {

  /** The withdrawal cases' migrations, {@code db/ccp-central-withdrawal}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-central-withdrawal");

  /** A withdrawal received from a site. */
  public record Case(
      String id,
      String site,
      String mode,
      long receivedMs,
      LocalDate deadline,
      Long completedMs,
      Integer retired) {}

  /** What one site is told about a case, and what it answered. */
  public record Notice(
      String id,
      String caseId,
      String site,
      String mode,
      String pseudonym,
      long issuedMs,
      LocalDate deadline,
      Long deliveredMs,
      Long confirmedMs,
      String outcome,
      String detail,
      List<ProjectReplacement> replacements) {

    public boolean confirmed() {
      return confirmedMs != null;
    }
  }

  /**
   * A retired global project pseudonym of a CCP application and its random replacement (null when
   * the records are deleted).
   */
  public record ProjectReplacement(String domain, String retired, String replacement) {

    /** The site whose application holds the domain ({@code RPB-TUE-G} → TUE), or null. */
    public String site() {
      int first = domain.indexOf('-');
      int last = domain.lastIndexOf('-');
      return first > 0 && last > first ? domain.substring(first + 1, last) : null;
    }
  }

  /** A global pseudonym and the site it belongs to. */
  public record Holder(String site, String pseudonym) {}

  private static final String NOTICE_COLUMNS =
      "SELECT n.id, n.case_id, n.site, c.mode, n.pseudonym, c.received_ms, c.deadline,"
          + " n.delivered_ms, n.confirmed_ms, n.outcome, n.detail, n.replacements"
          + " FROM ccp_withdrawal_notice n"
          + " JOIN ccp_withdrawal_case c ON c.id = n.case_id";

  private static final String CASE_COLUMNS =
      "SELECT id, site, mode, received_ms, deadline, completed_ms, retired"
          + " FROM ccp_withdrawal_case";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public WithdrawalCases(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /** The case an earlier call of this site with this pseudonym opened, if any. */
  public Optional<Case> caseFor(String site, String pseudonym) {
    return jdbc
        .query(CASE_COLUMNS + " WHERE request_key = ?", this::toCase, requestKey(site, pseudonym))
        .stream()
        .findFirst();
  }

  public Optional<Case> find(String id) {
    return jdbc.query(CASE_COLUMNS + " WHERE id = ?", this::toCase, id).stream().findFirst();
  }

  /**
   * Opens a case and its notices in one transaction: either every other holder is told, or none
   * (and the caller's retry opens it again).
   *
   * @param others the person's global pseudonyms other than the one the site presented
   */
  public Case open(String site, String pseudonym, String mode, List<Holder> others) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    LocalDate deadline = WithdrawalDeadline.of(Instant.ofEpochMilli(now));
    transactions.executeWithoutResult(
        status -> {
          jdbc.update(
              "INSERT INTO ccp_withdrawal_case (id, request_key, site, mode, received_ms,"
                  + " deadline) VALUES (?,?,?,?,?,?)",
              id,
              requestKey(site, pseudonym),
              site,
              mode,
              now,
              java.sql.Date.valueOf(deadline));
          if (others.isEmpty()) {
            return;
          }
          jdbc.batchUpdate(
              "INSERT INTO ccp_withdrawal_notice (id, case_id, site, pseudonym) VALUES (?,?,?,?)",
              others.stream()
                  .map(
                      h -> new Object[] {UUID.randomUUID().toString(), id, h.site(), h.pseudonym()})
                  .toList());
        });
    return find(id).orElseThrow();
  }

  /** The person is deleted here: the central list's own part of the case is done. */
  public void completed(String caseId, int retired) {
    jdbc.update(
        "UPDATE ccp_withdrawal_case SET completed_ms = ?, retired = ? WHERE id = ?"
            + " AND completed_ms IS NULL",
        clock.millis(),
        retired,
        caseId);
  }

  /**
   * Hands the informed sites' CCP applications their replacements: each goes to the notice of the
   * site whose domain it is (none for a site without a notice in the case).
   */
  public void attach(String caseId, List<ProjectReplacement> replacements) {
    for (Notice notice : noticesOf(caseId)) {
      List<ProjectReplacement> own =
          replacements.stream().filter(r -> notice.site().equals(r.site())).toList();
      if (!own.isEmpty() && !notice.confirmed()) {
        jdbc.update(
            "UPDATE ccp_withdrawal_notice SET replacements = ? WHERE id = ?",
            String.join(
                "\n",
                own.stream()
                    .map(
                        r ->
                            r.domain()
                                + "\t"
                                + r.retired()
                                + "\t"
                                + (r.replacement() == null ? "" : r.replacement()))
                    .toList()),
            notice.id());
      }
    }
  }

  /** A site's unconfirmed notices, oldest first; the first delivery of each is recorded. */
  public List<Notice> pending(String site) {
    jdbc.update(
        "UPDATE ccp_withdrawal_notice SET delivered_ms = ? WHERE site = ? AND confirmed_ms IS NULL"
            + " AND delivered_ms IS NULL",
        clock.millis(),
        site);
    return jdbc.query(
        NOTICE_COLUMNS
            + " WHERE n.site = ? AND n.confirmed_ms IS NULL ORDER BY c.received_ms, n.id",
        this::toNotice,
        site);
  }

  /** The notices of one case (every informed site's state). */
  public List<Notice> noticesOf(String caseId) {
    return jdbc.query(
        NOTICE_COLUMNS + " WHERE n.case_id = ? ORDER BY n.site, n.id", this::toNotice, caseId);
  }

  /**
   * Records a site's confirmation of its notice; a repeated confirmation changes nothing.
   *
   * @return the notice as stored afterwards; empty when the site has no such notice
   */
  public Optional<Notice> confirm(String site, String noticeId, String outcome, String detail) {
    jdbc.update(
        "UPDATE ccp_withdrawal_notice SET confirmed_ms = ?, outcome = ?, detail = ?,"
            + " pseudonym = NULL, replacements = NULL, delivered_ms = COALESCE(delivered_ms, ?)"
            + " WHERE id = ? AND site = ? AND confirmed_ms IS NULL",
        clock.millis(),
        outcome,
        detail,
        clock.millis(),
        noticeId,
        site);
    return jdbc
        .query(NOTICE_COLUMNS + " WHERE n.id = ? AND n.site = ?", this::toNotice, noticeId, site)
        .stream()
        .findFirst();
  }

  private Case toCase(ResultSet rs, int row) throws SQLException {
    return new Case(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getDate(5).toLocalDate(),
        rs.getObject(6, Long.class),
        rs.getObject(7, Integer.class));
  }

  private Notice toNotice(ResultSet rs, int row) throws SQLException {
    return new Notice(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getDate(7).toLocalDate(),
        rs.getObject(8, Long.class),
        rs.getObject(9, Long.class),
        rs.getString(10),
        rs.getString(11),
        replacements(rs.getString(12)));
  }

  private static List<ProjectReplacement> replacements(String stored) {
    if (stored == null || stored.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(stored.split("\n"))
        .map(line -> line.split("\t", -1))
        .map(f -> new ProjectReplacement(f[0], f[1], f[2].isEmpty() ? null : f[2]))
        .toList();
  }

  /** Finds a case again without keeping the pseudonym that opened it. */
  static String requestKey(String site, String pseudonym) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest((site + "\n" + pseudonym).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
