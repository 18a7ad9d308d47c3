package org.ccpfhir.identity.central;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;
import org.ccpfhir.security.fhir.DepartedSites;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partner leaves the network (CCP-IT §5.3): the leaving site hands over the documentation of its
 * patients' consents; on that basis the central list's operator names the site's global pseudonyms
 * whose consent continues (a legal basis remains). The rule, per person the site holds a global
 * pseudonym of:
 *
 * <ul>
 *   <li>consent continues (one of the site's pseudonyms of the person is named): kept as it is;
 *   <li>held by another site too: only the leaving site's link goes — its control-number records,
 *       their reviews, its pseudonyms (retired) and its CCP applications' global project pseudonyms
 *       (retired); the person stays with the other sites' (anonymised with respect to the site);
 *   <li>held by the leaving site only: deleted as in a withdrawal with deletion — control numbers,
 *       links, reviews, every pseudonym, project and target (MDS*G-ID) pseudonym retired.
 * </ul>
 *
 * The site's unredeemed tickets are deleted and its unconfirmed withdrawal notices are closed
 * ({@code departed}). The departure case (Flyway {@code db/ccp-central-withdrawal} V2) also marks
 * the site departed: from its opening on, the central list refuses the site's certificate.
 */
public class PartnerDepartures implements DepartedSites {

  /** Outcome given to the leaving site's unconfirmed withdrawal notices. */
  public static final String NOTICE_OUTCOME = "departed";

  /** What the central list holds for a site (counts only: no pseudonym, no IDAT). */
  public record Inventory(
      String site,
      int pseudonyms,
      int persons,
      int personsOnlyHere,
      int personsAlsoElsewhere,
      int controlRecords,
      int openReviews,
      int pendingNotices,
      int withdrawalCases,
      int tickets,
      int projectPseudonyms,
      int mdsPseudonyms) {

    /** Whether anything is held for the site. */
    public boolean any() {
      return pseudonyms + controlRecords + pendingNotices + withdrawalCases + tickets > 0;
    }
  }

  /** A departure case. */
  public record Case(
      String id,
      String site,
      String requestedBy,
      long receivedMs,
      LocalDate deadline,
      Long completedMs,
      Integer kept,
      Integer anonymised,
      Integer deleted,
      Integer retired,
      byte[] mdsInstruction,
      Long mdsConfirmedMs,
      String mdsDetail) {}

  /**
   * What the rule does with the site's persons; the MDS*G-IDs of the kept and the anonymised ones
   * go to the MDS database (every other record of the site is deleted there).
   */
  public record Plan(
      List<Long> keep,
      List<Long> anonymise,
      Map<Long, String> delete,
      List<String> keepMds,
      List<String> anonymiseMds) {}

  private static final String CASE_COLUMNS =
      "SELECT id, site, requested_by, received_ms, deadline, completed_ms, kept, anonymised,"
          + " deleted, retired, mds_instruction, mds_confirmed_ms, mds_detail"
          + " FROM ccp_departure_case";

  private final JdbcTemplate jdbc;
  private final CentralPatientList list;
  private final ProjectPseudonyms projects;
  private final ReEncryption reEncryption;
  private final String mdsDomain;
  private final Clock clock;

  /**
   * @param mdsDomain the MDS database's pseudonym domain (e.g. {@code MDS-G}); null when the list
   *     re-encrypts for no MDS database
   */
  public PartnerDepartures(
      DataSource dataSource,
      CentralPatientList list,
      ProjectPseudonyms projects,
      ReEncryption reEncryption,
      String mdsDomain,
      Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.list = list;
    this.projects = projects;
    this.reEncryption = reEncryption;
    this.mdsDomain = mdsDomain;
    this.clock = clock;
  }

  public Inventory inventory(String site) {
    String projectDomains = "%-" + site + "-G";
    return new Inventory(
        site,
        count("SELECT COUNT(*) FROM ccp_site_pseudonym WHERE site = ?", site),
        count("SELECT COUNT(DISTINCT person_id) FROM ccp_site_pseudonym WHERE site = ?", site),
        count(
            "SELECT COUNT(DISTINCT p.person_id) FROM ccp_site_pseudonym p WHERE p.site = ? AND NOT"
                + " EXISTS (SELECT 1 FROM ccp_site_pseudonym o WHERE o.person_id = p.person_id"
                + " AND o.site <> ?)",
            site,
            site),
        count(
            "SELECT COUNT(DISTINCT p.person_id) FROM ccp_site_pseudonym p WHERE p.site = ? AND"
                + " EXISTS (SELECT 1 FROM ccp_site_pseudonym o WHERE o.person_id = p.person_id"
                + " AND o.site <> ?)",
            site,
            site),
        count("SELECT COUNT(*) FROM ccp_control_record WHERE site = ?", site),
        count(
            "SELECT COUNT(*) FROM ccp_linkage_review r JOIN ccp_control_record c"
                + " ON c.id = r.record_id WHERE r.status = ? AND c.site = ?",
            LinkageReview.OPEN,
            site),
        count(
            "SELECT COUNT(*) FROM ccp_withdrawal_notice WHERE site = ? AND confirmed_ms IS NULL",
            site),
        count("SELECT COUNT(*) FROM ccp_withdrawal_case WHERE site = ?", site),
        count("SELECT COUNT(*) FROM ccp_ticket WHERE site = ?", site),
        count("SELECT COUNT(*) FROM ccp_project_pseudonym p WHERE p.domain LIKE ?", projectDomains),
        list.personsOfSite(site).keySet().stream()
            .mapToInt(person -> mdsIdOf(person).isPresent() ? 1 : 0)
            .sum());
  }

  /** The site's departure case, if it left (or is leaving). */
  public Optional<Case> caseOf(String site) {
    return jdbc.query(CASE_COLUMNS + " WHERE site = ?", this::toCase, site).stream().findFirst();
  }

  /** Whether the site has left: its certificate is refused from the case's opening on. */
  public boolean departed(String site) {
    return site != null
        && count("SELECT COUNT(*) FROM ccp_departure_case WHERE site = ?", site) > 0;
  }

  /** Every site with a departure case (the port {@code DepartedSiteGuard} caches). */
  @Override
  public Set<String> departedSites() {
    return Set.copyOf(jdbc.queryForList("SELECT site FROM ccp_departure_case", String.class));
  }

  /**
   * The pseudonyms of {@code continued} that are not global pseudonyms of the site (bad input: the
   * operator's list names them by position).
   */
  public List<Integer> foreign(String site, List<String> continued) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < continued.size(); i++) {
      if (list.personOf(site, continued.get(i)).isEmpty()) {
        wrong.add(i);
      }
    }
    return wrong;
  }

  /** What the rule does with each person of the site; changes nothing. */
  public Plan plan(String site, Set<String> continued) {
    List<Long> keep = new ArrayList<>();
    List<Long> anonymise = new ArrayList<>();
    Map<Long, String> delete = new java.util.TreeMap<>();
    List<String> keepMds = new ArrayList<>();
    List<String> anonymiseMds = new ArrayList<>();
    list.personsOfSite(site)
        .forEach(
            (person, pseudonyms) -> {
              if (pseudonyms.stream().anyMatch(continued::contains)) {
                keep.add(person);
                mdsIdOf(person).ifPresent(keepMds::add);
              } else if (list.heldElsewhere(person, site)) {
                anonymise.add(person);
                mdsIdOf(person).ifPresent(anonymiseMds::add);
              } else {
                delete.put(person, pseudonyms.get(0));
              }
            });
    return new Plan(keep, anonymise, delete, keepMds, anonymiseMds);
  }

  /**
   * Opens the site's case, which from now on refuses the site's certificate; an open case is
   * returned as it is (a retry after a failure half-way).
   */
  public Case open(String site, String requestedBy) {
    Optional<Case> earlier = caseOf(site);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    long now = clock.millis();
    try {
      jdbc.update(
          "INSERT INTO ccp_departure_case (id, site, requested_by, received_ms, deadline)"
              + " VALUES (?,?,?,?,?)",
          UUID.randomUUID().toString(),
          site,
          requestedBy,
          now,
          java.sql.Date.valueOf(WithdrawalDeadline.of(Instant.ofEpochMilli(now))));
    } catch (DuplicateKeyException concurrent) {
      // another request opened it first: that case is the one
    }
    return caseOf(site).orElseThrow();
  }

  /**
   * Keeps the MDS database's sealed instruction with the case until the MDS database confirms (the
   * first one stays: a retry half-way must not replace it by a plan that lost the deleted persons).
   */
  public Case instruct(Case opened, byte[] mdsInstruction) {
    jdbc.update(
        "UPDATE ccp_departure_case SET mds_instruction = ? WHERE id = ?"
            + " AND mds_instruction IS NULL AND completed_ms IS NULL",
        java.util.Base64.getEncoder().encodeToString(mdsInstruction),
        opened.id());
    return caseOf(opened.site()).orElseThrow();
  }

  /**
   * Applies the plan at the central list and completes the case.
   *
   * @return the completed case
   */
  public Case apply(Case opened, Plan plan) {
    String site = opened.site();
    int retired = 0;
    for (Long person : plan.anonymise()) {
      retired += list.removeSite(person, site);
      retired +=
          projects.withdrawDomains(
              CentralPatientList.personKey(person), domain -> domain.endsWith("-" + site + "-G"));
    }
    for (Map.Entry<Long, String> person : plan.delete().entrySet()) {
      String key = CentralPatientList.personKey(person.getKey());
      reEncryption.forget(key);
      retired += projects.withdraw(key, false).size();
      retired += list.withdraw(site, person.getValue()).orElse(0);
    }
    jdbc.update("DELETE FROM ccp_ticket WHERE site = ?", site);
    long now = clock.millis();
    jdbc.update(
        "UPDATE ccp_withdrawal_notice SET confirmed_ms = ?, outcome = ?, detail = ?,"
            + " pseudonym = NULL, replacements = NULL WHERE site = ? AND confirmed_ms IS NULL",
        now,
        NOTICE_OUTCOME,
        "departure case " + opened.id(),
        site);
    jdbc.update(
        "UPDATE ccp_departure_case SET completed_ms = ?, kept = ?, anonymised = ?, deleted = ?,"
            + " retired = ? WHERE id = ? AND completed_ms IS NULL",
        now,
        plan.keep().size(),
        plan.anonymise().size(),
        plan.delete().size(),
        retired,
        opened.id());
    return caseOf(site).orElseThrow();
  }

  /**
   * Records the MDS database's confirmation; its sealed instruction is dropped then. A repeated
   * confirmation changes nothing.
   */
  public Case mdsConfirmed(Case departure, String detail) {
    jdbc.update(
        "UPDATE ccp_departure_case SET mds_confirmed_ms = ?, mds_detail = ?,"
            + " mds_instruction = NULL WHERE id = ? AND mds_confirmed_ms IS NULL",
        clock.millis(),
        detail,
        departure.id());
    return caseOf(departure.site()).orElseThrow();
  }

  private Optional<String> mdsIdOf(long person) {
    return mdsDomain == null
        ? Optional.empty()
        : reEncryption.known(CentralPatientList.personKey(person), mdsDomain);
  }

  private int count(String sql, Object... arguments) {
    Integer count = jdbc.queryForObject(sql, Integer.class, arguments);
    return count == null ? 0 : count;
  }

  private Case toCase(ResultSet rs, int row) throws SQLException {
    String instruction = rs.getString(11);
    return new Case(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getDate(5).toLocalDate(),
        rs.getObject(6, Long.class),
        rs.getObject(7, Integer.class),
        rs.getObject(8, Integer.class),
        rs.getObject(9, Integer.class),
        rs.getObject(10, Integer.class),
        instruction == null ? null : java.util.Base64.getDecoder().decode(instruction),
        rs.getObject(12, Long.class),
        rs.getString(13));
  }
}
