package org.ccpfhir.identity.central;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the central list holds of one person, as an access request may learn it (read-only): the
 * sites with a global pseudonym, the registration days of the linked control-number sets, open
 * linkage reviews, the asking site's global project pseudonyms and whether an MDS target pseudonym
 * exists. Control numbers and other sites' pseudonyms are never read.
 */
public class SubjectFacts {

  /** The facts about one person for one asking site. */
  public record Facts(
      List<String> sites,
      List<LocalDate> records,
      int openReviews,
      Map<String, String> projectPseudonyms,
      boolean mdsPseudonym) {}

  private final JdbcTemplate jdbc;
  private final ProjectPseudonyms projects;

  public SubjectFacts(DataSource dataSource, ProjectPseudonyms projects) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.projects = projects;
  }

  /**
   * @param owner the owner key of the person's project pseudonyms
   * @param source the person's re-encryption source
   */
  public Facts of(long person, String site, String owner, String source) {
    return new Facts(
        jdbc.queryForList(
            "SELECT DISTINCT site FROM ccp_site_pseudonym WHERE person_id = ? ORDER BY site",
            String.class,
            person),
        jdbc
            .queryForList(
                "SELECT created_ms FROM ccp_control_record WHERE person_id = ?"
                    + " ORDER BY created_ms, id",
                Long.class,
                person)
            .stream()
            .map(ms -> LocalDate.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC))
            .toList(),
        jdbc.queryForObject(
            "SELECT count(*) FROM ccp_linkage_review WHERE status = 'OPEN' AND (candidate_person_id"
                + " = ? OR record_id IN (SELECT id FROM ccp_control_record WHERE person_id = ?))",
            Integer.class,
            person,
            person),
        projectPseudonyms(owner, site),
        jdbc.queryForObject(
                "SELECT count(*) FROM ccp_target_pseudonym WHERE source_value = ?"
                    + " AND target LIKE 'MDS-%'",
                Integer.class, source)
            > 0);
  }

  /** The asking site's global project pseudonyms ({@code <project>-<site>-G}). */
  private Map<String, String> projectPseudonyms(String owner, String site) {
    Map<String, String> byDomain = new TreeMap<>(projects.of(owner));
    byDomain.keySet().removeIf(domain -> !domain.endsWith("-" + site + "-G"));
    return byDomain;
  }
}
