package org.ccpfhir.identity.central;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Rows of the central patient list: persons, control-number records, pseudonyms, tickets. */
public class CentralListRepository {

  /** The central list's migrations, {@code db/ccp-central-list}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-central-list");

  /** A stored control-number record. */
  public record StoredRecord(int id, long personId, String controlNumbers) {}

  /** A ticket taken out of the table (it can be taken only once). */
  public record Ticket(String site, String controlNumbers, long expiresMs) {}

  private final JdbcTemplate jdbc;

  public CentralListRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public void insertTicket(String ticket, String site, String controlNumbers, long expiresMs) {
    jdbc.update(
        "INSERT INTO ccp_ticket (ticket, site, control_numbers, expires_ms) VALUES (?,?,?,?)",
        ticket,
        site,
        controlNumbers,
        expiresMs);
  }

  /** Reads and deletes a ticket; empty when unknown or when a concurrent call took it first. */
  public Optional<Ticket> takeTicket(String ticket) {
    List<Ticket> found =
        jdbc.query(
            "SELECT site, control_numbers, expires_ms FROM ccp_ticket WHERE ticket = ?",
            (rs, i) -> new Ticket(rs.getString(1), rs.getString(2), rs.getLong(3)),
            ticket);
    if (found.isEmpty() || jdbc.update("DELETE FROM ccp_ticket WHERE ticket = ?", ticket) != 1) {
      return Optional.empty();
    }
    return Optional.of(found.get(0));
  }

  public int purgeExpiredTickets(long nowMs) {
    return jdbc.update("DELETE FROM ccp_ticket WHERE expires_ms < ?", nowMs);
  }

  public long newPerson(long nowMs) {
    return insert("INSERT INTO ccp_central_person (created_ms) VALUES (?)", nowMs);
  }

  public int insertRecord(long personId, String site, String controlNumbers, long nowMs) {
    return Math.toIntExact(
        insert(
            "INSERT INTO ccp_control_record (person_id, origin_person_id, site, control_numbers,"
                + " created_ms) VALUES (?,?,?,?,?)",
            personId,
            personId,
            site,
            controlNumbers,
            nowMs));
  }

  /** Streams every record (start-up: the in-memory linkage index is rebuilt from them). */
  public void forEachRecord(Consumer<StoredRecord> consumer) {
    jdbc.query(
        "SELECT id, person_id, control_numbers FROM ccp_control_record ORDER BY id",
        rs -> {
          consumer.accept(new StoredRecord(rs.getInt(1), rs.getLong(2), rs.getString(3)));
        });
  }

  public Optional<String> sitePseudonym(long personId, String site) {
    return jdbc
        .query(
            "SELECT pseudonym FROM ccp_site_pseudonym WHERE person_id = ? AND site = ?"
                + " ORDER BY merged, created_ms, pseudonym",
            (rs, i) -> rs.getString(1),
            personId,
            site)
        .stream()
        .findFirst();
  }

  public void insertSitePseudonym(String pseudonym, long personId, String site, long nowMs) {
    jdbc.update(
        "INSERT INTO ccp_site_pseudonym (pseudonym, person_id, origin_person_id, site, created_ms)"
            + " VALUES (?,?,?,?,?)",
        pseudonym,
        personId,
        personId,
        site,
        nowMs);
  }

  /** The person a site's pseudonym names, if it is that site's. */
  public Optional<Long> personOf(String site, String pseudonym) {
    return jdbc
        .query(
            "SELECT person_id FROM ccp_site_pseudonym WHERE pseudonym = ? AND site = ?",
            (rs, i) -> rs.getLong(1),
            pseudonym,
            site)
        .stream()
        .findFirst();
  }

  public List<String> pseudonymsOf(long personId) {
    return jdbc.queryForList(
        "SELECT pseudonym FROM ccp_site_pseudonym WHERE person_id = ?", String.class, personId);
  }

  /** The person's global pseudonyms with the site holding each. */
  public List<WithdrawalCases.Holder> holdersOf(long personId) {
    return jdbc.query(
        "SELECT site, pseudonym FROM ccp_site_pseudonym WHERE person_id = ? ORDER BY site,"
            + " pseudonym",
        (rs, i) -> new WithdrawalCases.Holder(rs.getString(1), rs.getString(2)),
        personId);
  }

  public List<Integer> recordsOf(long personId) {
    return jdbc.queryForList(
        "SELECT id FROM ccp_control_record WHERE person_id = ?", Integer.class, personId);
  }

  /** A link decision: everything of {@code from} now belongs to {@code to}. */
  public void movePerson(long from, long to) {
    jdbc.update("UPDATE ccp_control_record SET person_id = ? WHERE person_id = ?", to, from);
    jdbc.update(
        "UPDATE ccp_site_pseudonym SET person_id = ?, merged = TRUE WHERE person_id = ?", to, from);
    jdbc.update(
        "UPDATE ccp_linkage_review SET candidate_person_id = ? WHERE candidate_person_id = ?",
        to,
        from);
    jdbc.update("DELETE FROM ccp_central_person WHERE id = ?", from);
  }

  /**
   * Undoes a link decision: the person a record was first given comes back with every record and
   * site pseudonym that was first its own (the pseudonyms are its current ones again).
   *
   * @return the person and the records that moved back to it
   */
  public Split splitOff(int recordId, long nowMs) {
    long origin =
        jdbc.queryForObject(
            "SELECT origin_person_id FROM ccp_control_record WHERE id = ?", Long.class, recordId);
    if (jdbc.queryForObject(
            "SELECT count(*) FROM ccp_central_person WHERE id = ?", Integer.class, origin)
        == 0) {
      jdbc.update("INSERT INTO ccp_central_person (id, created_ms) VALUES (?,?)", origin, nowMs);
    }
    jdbc.update(
        "UPDATE ccp_control_record SET person_id = origin_person_id WHERE origin_person_id = ?",
        origin);
    jdbc.update(
        "UPDATE ccp_site_pseudonym SET person_id = origin_person_id, merged = FALSE"
            + " WHERE origin_person_id = ?",
        origin);
    return new Split(
        origin,
        jdbc.queryForList(
            "SELECT id FROM ccp_control_record WHERE origin_person_id = ?", Integer.class, origin));
  }

  /** The result of {@link #splitOff}. */
  public record Split(long person, List<Integer> records) {}

  /** Withdrawal: control numbers, links and reviews of the person go; pseudonyms stay retired. */
  public void deletePerson(long personId) {
    List<Integer> records = recordsOf(personId);
    for (Integer record : records) {
      jdbc.update("DELETE FROM ccp_linkage_review WHERE record_id = ?", record);
    }
    jdbc.update("DELETE FROM ccp_linkage_review WHERE candidate_person_id = ?", personId);
    jdbc.update("DELETE FROM ccp_control_record WHERE person_id = ?", personId);
    jdbc.update("DELETE FROM ccp_site_pseudonym WHERE person_id = ?", personId);
    jdbc.update("DELETE FROM ccp_central_person WHERE id = ?", personId);
  }

  /** The persons a site holds a global pseudonym of, with that site's pseudonyms of each. */
  public java.util.Map<Long, List<String>> personsOfSite(String site) {
    java.util.Map<Long, List<String>> persons = new java.util.TreeMap<>();
    jdbc.query(
        "SELECT person_id, pseudonym FROM ccp_site_pseudonym WHERE site = ? ORDER BY pseudonym",
        row -> {
          persons
              .computeIfAbsent(row.getLong(1), k -> new java.util.ArrayList<>())
              .add(row.getString(2));
        },
        site);
    return persons;
  }

  /** Whether another site than {@code site} holds a global pseudonym of the person. */
  public boolean heldElsewhere(long personId, String site) {
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM ccp_site_pseudonym WHERE person_id = ? AND site <> ?",
            Integer.class,
            personId,
            site)
        > 0;
  }

  /** The person's control-number records that came from one site. */
  public List<Integer> recordsOf(long personId, String site) {
    return jdbc.queryForList(
        "SELECT id FROM ccp_control_record WHERE person_id = ? AND site = ?",
        Integer.class,
        personId,
        site);
  }

  /** What {@link #detachSite} removed. */
  public record Detached(List<Integer> records, List<String> pseudonyms) {}

  /**
   * A partner leaves: the person's pseudonyms from that site are deleted, and its control-number
   * records with their reviews — unless no other site's record is left: then the other sites'
   * registrations matched these control numbers exactly (an exact match stores no copy), so they
   * stay, attributed to a remaining holder, or the person could not be found again.
   */
  public Detached detachSite(long personId, String site) {
    List<String> pseudonyms =
        jdbc.queryForList(
            "SELECT pseudonym FROM ccp_site_pseudonym WHERE person_id = ? AND site = ?",
            String.class,
            personId,
            site);
    jdbc.update("DELETE FROM ccp_site_pseudonym WHERE person_id = ? AND site = ?", personId, site);
    List<Integer> records = recordsOf(personId, site);
    boolean othersLeft =
        jdbc.queryForObject(
                "SELECT COUNT(*) FROM ccp_control_record WHERE person_id = ? AND site <> ?",
                Integer.class,
                personId,
                site)
            > 0;
    if (!othersLeft) {
      jdbc.update(
          "UPDATE ccp_control_record SET site = (SELECT MIN(site) FROM ccp_site_pseudonym"
              + " WHERE person_id = ?) WHERE person_id = ? AND site = ?",
          personId,
          personId,
          site);
      return new Detached(List.of(), pseudonyms);
    }
    for (Integer record : records) {
      jdbc.update("DELETE FROM ccp_linkage_review WHERE record_id = ?", record);
      jdbc.update("DELETE FROM ccp_control_record WHERE id = ?", record);
    }
    return new Detached(records, pseudonyms);
  }

  public long insertReview(
      int recordId, long candidatePerson, double score, String similarities, long nowMs) {
    return insert(
        "INSERT INTO ccp_linkage_review (record_id, candidate_person_id, score, similarities,"
            + " status, created_ms) VALUES (?,?,?,?,'OPEN',?)",
        recordId,
        candidatePerson,
        score,
        similarities,
        nowMs);
  }

  public List<LinkageReview> reviews(String status) {
    return jdbc.query(REVIEWS + " WHERE r.status = ? ORDER BY r.id", this::toReview, status);
  }

  public Optional<LinkageReview> review(long id) {
    return jdbc.query(REVIEWS + " WHERE r.id = ?", this::toReview, id).stream().findFirst();
  }

  private static final String REVIEWS =
      "SELECT r.id, r.record_id, c.person_id, c.site, r.candidate_person_id, r.score,"
          + " r.similarities, r.status, r.created_ms FROM ccp_linkage_review r"
          + " JOIN ccp_control_record c ON c.id = r.record_id";

  private LinkageReview toReview(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new LinkageReview(
        rs.getLong(1),
        rs.getInt(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getDouble(6),
        LinkageReview.parseSimilarities(rs.getString(7)),
        LinkageReview.parseWeights(rs.getString(7)),
        rs.getString(8),
        rs.getLong(9));
  }

  public int countReviews(String status) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM ccp_linkage_review WHERE status = ?", Integer.class, status);
  }

  /**
   * Moves a review from one status to another (an open review is decided, a linked one undone);
   * false when it is not in {@code from} (unknown or decided otherwise).
   */
  public boolean decide(long reviewId, String from, String to, String decidedBy, long nowMs) {
    return jdbc.update(
            "UPDATE ccp_linkage_review SET status = ?, decided_by = ?, decided_ms = ?"
                + " WHERE id = ? AND status = ?",
            to,
            decidedBy,
            nowMs,
            reviewId,
            from)
        == 1;
  }

  private long insert(String sql, Object... arguments) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"});
          for (int i = 0; i < arguments.length; i++) {
            statement.setObject(i + 1, arguments[i]);
          }
          return statement;
        },
        keys);
    return keys.getKey().longValue();
  }
}
