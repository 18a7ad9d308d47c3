package org.ccpfhir.identity.pseudonym;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pseudonyms of CCP applications (projects) per participant: one random pseudonym per (owner,
 * project domain), kept so that the same participant always gets the same one. The owner is a
 * BK-L-ID at the local list and the person (with the site) at the central list. On withdrawal the
 * links go and the pseudonyms are retired: deleted, or — anonymisation — replaced by random values
 * that the application puts in their place, so its data stay but lead to no one.
 */
public class ProjectPseudonyms {

  /** The project pseudonyms' migrations, {@code db/ccp-project-pseudonyms}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-project-pseudonyms");

  private final JdbcTemplate jdbc;
  private final PseudonymRegistry registry;
  private final Clock clock;

  public ProjectPseudonyms(DataSource dataSource, PseudonymRegistry registry, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.registry = registry;
    this.clock = clock;
  }

  /** The owner's pseudonym in the project domain (e.g. {@code RPB-HD-L}), issued on first use. */
  public String pseudonymFor(String owner, String domain) {
    List<String> known = lookup(owner, domain);
    if (!known.isEmpty()) {
      return known.get(0);
    }
    String fresh = registry.issue(domain);
    try {
      jdbc.update(
          "INSERT INTO ccp_project_pseudonym (owner, domain, pseudonym, created_ms)"
              + " VALUES (?,?,?,?)",
          owner,
          domain,
          fresh,
          clock.millis());
      return fresh;
    } catch (DuplicateKeyException concurrent) {
      registry.retire(fresh);
      return lookup(owner, domain).get(0);
    }
  }

  /**
   * Withdrawal: every project pseudonym of the owner is retired and its link deleted.
   *
   * @param anonymise also draw a random replacement per pseudonym (never linked to anyone)
   * @return retired pseudonym → its random replacement (or null when deleting)
   */
  public Map<String, String> withdraw(String owner, boolean anonymise) {
    Map<String, String> replaced = new LinkedHashMap<>();
    of(owner)
        .forEach(
            (domain, old) -> {
              registry.retire(old);
              replaced.put(old, anonymise ? registry.issue(domain) : null);
            });
    jdbc.update("DELETE FROM ccp_project_pseudonym WHERE owner = ?", owner);
    return replaced;
  }

  /**
   * A partner leaves (CCP-IT §5.3): the owner's project pseudonyms of the given domains (the
   * leaving site's applications) are retired and their links deleted; the others stay.
   *
   * @return how many were retired
   */
  public int withdrawDomains(String owner, java.util.function.Predicate<String> domains) {
    int retired = 0;
    for (Map.Entry<String, String> entry : of(owner).entrySet()) {
      if (domains.test(entry.getKey())) {
        registry.retire(entry.getValue());
        jdbc.update("DELETE FROM ccp_project_pseudonym WHERE pseudonym = ?", entry.getValue());
        retired++;
      }
    }
    return retired;
  }

  /** The owner's project pseudonyms, domain → pseudonym, in domain order. */
  public Map<String, String> of(String owner) {
    Map<String, String> byDomain = new TreeMap<>();
    jdbc.query(
        "SELECT domain, pseudonym FROM ccp_project_pseudonym WHERE owner = ?",
        row -> {
          byDomain.put(row.getString(1), row.getString(2));
        },
        owner);
    return byDomain;
  }

  private List<String> lookup(String owner, String domain) {
    return jdbc.queryForList(
        "SELECT pseudonym FROM ccp_project_pseudonym WHERE owner = ? AND domain = ?",
        String.class,
        owner,
        domain);
  }
}
