package org.ccpfhir.bridgehead.terms;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accepted versions per user (table {@code ccp_terms_acceptance}, Flyway {@code db/ccp-terms}).
 * Asked on every FHIR call of a user: one primary-key lookup, no cache, so every node answers the
 * same at once (people make few calls).
 */
public class TermsAcceptances {

  /** The feature's migrations, {@code db/ccp-terms}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-terms");

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public TermsAcceptances(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  public boolean accepted(String username, String version) {
    Integer rows =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ccp_terms_acceptance WHERE username = ? AND version = ?",
            Integer.class,
            username,
            version);
    return rows != null && rows > 0;
  }

  /** Records the acceptance; true when it is new (a repeated acceptance changes nothing). */
  public boolean accept(String username, String version) {
    if (accepted(username, version)) {
      return false;
    }
    try {
      jdbc.update(
          "INSERT INTO ccp_terms_acceptance (username, version, accepted_ms) VALUES (?,?,?)",
          username,
          version,
          clock.millis());
      return true;
    } catch (DuplicateKeyException e) {
      // accepted at the same moment in another request or node
      return false;
    }
  }
}
