package org.ccpfhir.bridgehead.withdrawal.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CCP applications' part of a withdrawal (CCP-IT §6.5, table {@code
 * ccp_pseudonym_replacement}): per retired project pseudonym what the application holding records
 * under it must do — {@value #REPLACE} it by the random replacement (anonymisation) or {@value
 * #DELETE} the records. Applications fetch the rows of their domains and confirm them; the values
 * are deleted on confirmation.
 */
public class PseudonymReplacements {

  public static final String REPLACE = "replace";
  public static final String DELETE = "delete";

  /** A row as an application sees it (values are null once confirmed). */
  public record Replacement(
      String id,
      String withdrawalId,
      String domain,
      String action,
      String retired,
      String replacement,
      long createdMs,
      Long confirmedMs) {}

  private static final String COLUMNS =
      "SELECT id, withdrawal_id, domain, action, retired, replacement, created_ms, confirmed_ms"
          + " FROM ccp_pseudonym_replacement";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PseudonymReplacements(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /** Records what the application of {@code domain} must do with a retired pseudonym. */
  public void add(String withdrawalId, String domain, String retired, String replacement) {
    if (jdbc.queryForObject(
            "SELECT COUNT(*) FROM ccp_pseudonym_replacement WHERE withdrawal_id = ? AND retired = ?",
            Integer.class,
            withdrawalId,
            retired)
        > 0) {
      return;
    }
    jdbc.update(
        "INSERT INTO ccp_pseudonym_replacement (id, withdrawal_id, domain, action, retired,"
            + " replacement, created_ms) VALUES (?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(),
        withdrawalId,
        domain,
        replacement == null ? DELETE : REPLACE,
        retired,
        replacement,
        clock.millis());
  }

  /** Unconfirmed rows of these domains, oldest first. */
  public List<Replacement> pending(Collection<String> domains) {
    if (domains.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", domains.stream().map(d -> "?").toList());
    return jdbc.query(
        COLUMNS
            + " WHERE confirmed_ms IS NULL AND domain IN ("
            + marks
            + ") ORDER BY created_ms, id",
        this::row,
        domains.toArray());
  }

  /**
   * Confirms a row of one of these domains; a repeated confirmation changes nothing.
   *
   * @return the row as stored afterwards; empty when no row of these domains has the id
   */
  public Optional<Replacement> confirm(String id, Collection<String> domains, String by) {
    Optional<Replacement> found = find(id).filter(r -> domains.contains(r.domain()));
    if (found.isPresent() && found.get().confirmedMs() == null) {
      jdbc.update(
          "UPDATE ccp_pseudonym_replacement SET confirmed_ms = ?, confirmed_by = ?, retired = NULL,"
              + " replacement = NULL WHERE id = ? AND confirmed_ms IS NULL",
          clock.millis(),
          by.length() <= 200 ? by : by.substring(0, 200),
          id);
      return find(id);
    }
    return found;
  }

  /** Whether every row of the withdrawal and domain is confirmed. */
  public boolean allConfirmed(String withdrawalId, String domain) {
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM ccp_pseudonym_replacement WHERE withdrawal_id = ? AND domain = ?"
                + " AND confirmed_ms IS NULL",
            Integer.class,
            withdrawalId,
            domain)
        == 0;
  }

  private Optional<Replacement> find(String id) {
    return jdbc.query(COLUMNS + " WHERE id = ?", this::row, id).stream().findFirst();
  }

  private Replacement row(ResultSet rs, int i) throws SQLException {
    return new Replacement(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getObject(8, Long.class));
  }
}
