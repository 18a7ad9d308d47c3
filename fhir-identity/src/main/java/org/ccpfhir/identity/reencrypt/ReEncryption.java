package org.ccpfhir.identity.reencrypt;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-encryption of pseudonyms (CCP-IT §3.3) at the central patient list: a site presents its
 * patient's BK-G-ID (or BK-L-ID) and names a target such as the MDS database; the answer is the
 * patient's pseudonym in the target's domain, signed by this component and encrypted for the
 * target's certificate (CMS, AES-256-GCM with a fresh key each time), so the same ID never gives
 * the same ciphertext twice, the site cannot read it, and only the target can.
 */
public class ReEncryption {

  /** The re-encryption targets' migrations, {@code db/ccp-reencrypt}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-reencrypt");

  private final JdbcTemplate jdbc;
  private final PseudonymRegistry registry;
  private final Credential self;
  private final Clock clock;

  public ReEncryption(
      DataSource dataSource, PseudonymRegistry registry, Credential self, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.registry = registry;
    this.self = self;
    this.clock = clock;
  }

  /**
   * The target-domain pseudonym of {@code source}, sealed for {@code targetCertificate}.
   *
   * @param targetDomain e.g. {@code MDS-*-G}
   */
  public byte[] reencrypt(String source, String targetDomain, X509Certificate targetCertificate) {
    String value = targetPseudonym(source, targetDomain);
    return Envelopes.seal(value.getBytes(StandardCharsets.US_ASCII), self, targetCertificate);
  }

  /**
   * Withdrawal: the source's target pseudonyms are retired (never issued again) and deleted here,
   * so nothing leads from the source to its records at a target any more.
   *
   * @return how many were deleted
   */
  public int forget(String source) {
    jdbc.queryForList(
            "SELECT target_value FROM ccp_target_pseudonym WHERE source_value = ?",
            String.class,
            source)
        .forEach(registry::retire);
    return jdbc.update("DELETE FROM ccp_target_pseudonym WHERE source_value = ?", source);
  }

  /** The source's target-domain pseudonym if one was drawn (none is drawn here). */
  public java.util.Optional<String> known(String source, String targetDomain) {
    return lookup(source, targetDomain).stream().findFirst();
  }

  private String targetPseudonym(String source, String targetDomain) {
    List<String> known = lookup(source, targetDomain);
    if (!known.isEmpty()) {
      return known.get(0);
    }
    String fresh = registry.issue(targetDomain);
    try {
      jdbc.update(
          "INSERT INTO ccp_target_pseudonym (source_value, target, target_value, created_ms)"
              + " VALUES (?,?,?,?)",
          source,
          targetDomain,
          fresh,
          clock.millis());
      return fresh;
    } catch (DuplicateKeyException concurrent) {
      // another request drew one first; the fresh value stays reserved and unused
      registry.retire(fresh);
      return lookup(source, targetDomain).get(0);
    }
  }

  private List<String> lookup(String source, String targetDomain) {
    return jdbc.queryForList(
        "SELECT target_value FROM ccp_target_pseudonym WHERE source_value = ? AND target = ?",
        String.class,
        source,
        targetDomain);
  }
}
