package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether this site uploads locally consented patients (CCP-IT §3.4 b). Off until an admin proposes
 * to switch it on and a second, different admin confirms (four-eyes); switching it off again takes
 * the same two steps. Persisted (table {@code ccp_local_upload_change}, Flyway {@code
 * db/ccp-consent}); every step is audited.
 */
@Component
public class LocalUploadSetting {

  /** The setting's migrations, {@code db/ccp-consent}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-consent");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final DecisionAuditor auditor;
  private final Clock clock = Clock.systemUTC();

  public LocalUploadSetting(DataSource dataSource, DecisionAuditor auditor) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.auditor = auditor;
  }

  /** A change waiting for its second admin. */
  public record Proposal(long id, boolean enabled, String proposedBy) {}

  /** True when the last confirmed change switched local uploads on. */
  public boolean enabled() {
    List<Boolean> last =
        jdbc.queryForList(
            "SELECT enabled FROM ccp_local_upload_change WHERE confirmed_by IS NOT NULL"
                + " ORDER BY confirmed_ms DESC, id DESC",
            Boolean.class);
    return !last.isEmpty() && last.get(0);
  }

  public Optional<Proposal> pending() {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT id, enabled, proposed_by FROM ccp_local_upload_change"
                + " WHERE confirmed_by IS NULL AND superseded = FALSE ORDER BY id DESC");
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Proposal(
                    ((Number) r.get("id")).longValue(),
                    (Boolean) r.get("enabled"),
                    (String) r.get("proposed_by")));
  }

  /** First step: records the proposal (older open proposals are superseded). */
  public Proposal propose(boolean enabled, String admin) {
    Proposal proposal =
        transactions.execute(
            status -> {
              jdbc.update(
                  "UPDATE ccp_local_upload_change SET superseded = TRUE WHERE confirmed_by IS NULL");
              jdbc.update(
                  "INSERT INTO ccp_local_upload_change (enabled, proposed_by, proposed_ms,"
                      + " superseded) VALUES (?,?,?,FALSE)",
                  enabled,
                  admin,
                  clock.millis());
              return pending().orElseThrow();
            });
    auditor.record(
        "consent-setting",
        "C",
        "local-upload",
        200,
        "proposal " + proposal.id() + ": local-consent upload " + onOff(enabled) + " by " + admin);
    return proposal;
  }

  /** Second step: another admin confirms the open proposal; it takes effect now. */
  public Proposal confirm(long proposalId, String admin) {
    Proposal proposal =
        pending()
            .filter(p -> p.id() == proposalId)
            .orElseThrow(
                () -> refuse("proposal " + proposalId + " is not the open proposal", admin));
    if (proposal.proposedBy().equals(admin)) {
      throw refuse(
          "four-eyes: proposal " + proposalId + " must be confirmed by a different admin", admin);
    }
    int updated =
        jdbc.update(
            "UPDATE ccp_local_upload_change SET confirmed_by = ?, confirmed_ms = ?"
                + " WHERE id = ? AND confirmed_by IS NULL AND superseded = FALSE",
            admin,
            clock.millis(),
            proposalId);
    if (updated != 1) {
      throw refuse("proposal " + proposalId + " is no longer open", admin);
    }
    auditor.record(
        "consent-setting",
        "U",
        "local-upload",
        200,
        "proposal "
            + proposalId
            + " confirmed by "
            + admin
            + ": local-consent upload "
            + onOff(proposal.enabled()));
    return proposal;
  }

  private UnprocessableEntityException refuse(String reason, String admin) {
    auditor.record("consent-setting", "U", "local-upload", 422, reason + " (" + admin + ")");
    return new UnprocessableEntityException(reason);
  }

  private static String onOff(boolean enabled) {
    return enabled ? "on" : "off";
  }
}
