package org.ccpfhir.identity.pseudonym;

import java.time.Clock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issues pseudonyms that have never been issued before in any domain: each new value is inserted
 * under a unique key before it is handed out, so a collision (or a value retired after a
 * withdrawal) simply draws again — also under concurrent issuing on several nodes.
 */
public class PseudonymRegistry {

  /** The registry table's migrations, {@code db/ccp-pseudonyms}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-pseudonyms");

  private static final Pattern DOMAIN = Pattern.compile("[A-Z0-9*†\\-]{1,32}");
  private static final int MAX_ATTEMPTS = 20;

  private final JdbcTemplate jdbc;
  private final Supplier<String> candidates;
  private final Clock clock;

  /**
   * @param candidates fresh random values, normally {@code new PseudonymGenerator()::next}
   */
  public PseudonymRegistry(DataSource dataSource, Supplier<String> candidates, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.candidates = candidates;
    this.clock = clock;
  }

  /** A value never issued before, recorded for {@code domain} (e.g. {@code BK-HD-L}). */
  public String issue(String domain) {
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("invalid pseudonym domain");
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String value = candidates.get();
      try {
        jdbc.update(
            "INSERT INTO ccp_issued_pseudonym (pseudonym_value, domain, issued_ms) VALUES (?,?,?)",
            value,
            domain,
            clock.millis());
        return value;
      } catch (DuplicateKeyException taken) {
        // drawn before (possibly retired): draw again
      }
    }
    throw new IllegalStateException("no fresh pseudonym after " + MAX_ATTEMPTS + " draws");
  }

  /** Marks a value retired (withdrawal); it stays reserved forever. */
  public boolean retire(String value) {
    return jdbc.update(
            "UPDATE ccp_issued_pseudonym SET retired_ms = ? WHERE pseudonym_value = ?"
                + " AND retired_ms IS NULL",
            clock.millis(),
            value)
        == 1;
  }

  public boolean isIssued(String value) {
    Integer count =
        jdbc.queryForObject(
            "SELECT count(*) FROM ccp_issued_pseudonym WHERE pseudonym_value = ?",
            Integer.class,
            value);
    return count != null && count > 0;
  }

  public boolean isRetired(String value) {
    Integer count =
        jdbc.queryForObject(
            "SELECT count(*) FROM ccp_issued_pseudonym WHERE pseudonym_value = ?"
                + " AND retired_ms IS NOT NULL",
            Integer.class,
            value);
    return count != null && count > 0;
  }
}
