package org.ccpfhir.mdssearch.store;

import ca.uhn.fhir.context.FhirContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The central MDS database: one record per (site, MDS*G-ID) holding the patient's MDS-K / MDS-B
 * resources and their indexed facts. It offers no way to read a record's resources back: the count
 * engine reads only facts, and researchers only ever see released counts.
 */
public class MdsRecordRepository {

  /**
   * The MDS store's tables, budgets and release records, {@code db/ccp-mds} (and the record keys of
   * records stored before V2, {@link RecordKeysMigration}).
   */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-mds", new RecordKeysMigration());

  private static final Pattern SITE = Pattern.compile("[A-Z0-9]{1,16}");
  private static final int MAX_ID = 128;
  // record keys: secret, uniform over all 2^32 int values
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final FhirContext fhir;
  private final PatientFactsExtractor extractor = new PatientFactsExtractor();
  private final Clock clock;

  public MdsRecordRepository(DataSource dataSource, FhirContext fhir, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(1000);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.fhir = fhir;
    this.clock = clock;
  }

  /**
   * Stores the patient's MDS resources under (site, MDS*G-ID), replacing what was stored before.
   *
   * @throws IllegalArgumentException when site or id are malformed
   */
  public StoredChange upsert(String site, String mdsId, Bundle bundle) {
    return upsertAll(site, Map.of(mdsId, bundle)).get(0);
  }

  /**
   * Stores several patients of one site in one transaction (an upload batch): all or none.
   *
   * @param bundles MDS*G-ID to that patient's MDS resources
   * @return the changes, in the map's iteration order
   * @throws IllegalArgumentException when the site or an id is malformed (nothing is stored)
   */
  public List<StoredChange> upsertAll(String site, Map<String, Bundle> bundles) {
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Bundle> entry : bundles.entrySet()) {
      checkKey(site, entry.getKey());
      rows.add(
          new String[] {
            entry.getKey(),
            extractor.extract(entry.getValue()).encode(),
            fhir.newJsonParser().encodeResourceToString(entry.getValue())
          });
    }
    try {
      return transactions.execute(status -> writeAll(site, rows));
    } catch (DuplicateKeyException concurrentInsert) {
      // another upload inserted one of the keys first: now it is an update
      return transactions.execute(status -> writeAll(site, rows));
    }
  }

  private List<StoredChange> writeAll(String site, List<String[]> rows) {
    List<StoredChange> changes = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      changes.add(write(site, row[0], PatientFacts.decode(row[1]), row[2]));
    }
    return changes;
  }

  private StoredChange write(String site, String mdsId, PatientFacts facts, String json) {
    long now = clock.millis();
    List<Object[]> existing =
        jdbc.query(
            "SELECT ordinal, facts, record_key FROM mds_record"
                + " WHERE site = ? AND mds_id = ? FOR UPDATE",
            (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getInt(3)},
            site,
            mdsId);
    if (!existing.isEmpty()) {
      int ordinal = (Integer) existing.get(0)[0];
      jdbc.update(
          "UPDATE mds_record SET facts = ?, bundle_json = ?, updated_ms = ? WHERE ordinal = ?",
          facts.encode(),
          json,
          now,
          ordinal);
      // the record keeps its key: cells whose members did not change keep their released values
      return new StoredChange(
          ordinal,
          site,
          PatientFacts.decode((String) existing.get(0)[1]),
          facts,
          (Integer) existing.get(0)[2]);
    }
    int key = RANDOM.nextInt();
    jdbc.update(
        "INSERT INTO mds_record (site, mds_id, facts, bundle_json, updated_ms, record_key)"
            + " VALUES (?,?,?,?,?,?)",
        site,
        mdsId,
        facts.encode(),
        json,
        now,
        key);
    Integer ordinal =
        jdbc.queryForObject(
            "SELECT ordinal FROM mds_record WHERE site = ? AND mds_id = ?",
            Integer.class,
            site,
            mdsId);
    return new StoredChange(ordinal, site, null, facts, key);
  }

  /** Removes the patient's record (consent withdrawn, deletion); empty when there was none. */
  public Optional<StoredChange> delete(String site, String mdsId) {
    checkKey(site, mdsId);
    return transactions.execute(
        status -> {
          List<StoredFacts> existing =
              jdbc.query(
                  "SELECT ordinal, site, facts, record_key FROM mds_record"
                      + " WHERE site = ? AND mds_id = ? FOR UPDATE",
                  (rs, i) ->
                      new StoredFacts(
                          rs.getInt(1),
                          rs.getString(2),
                          PatientFacts.decode(rs.getString(3)),
                          rs.getInt(4)),
                  site,
                  mdsId);
          if (existing.isEmpty()) {
            return Optional.<StoredChange>empty();
          }
          StoredFacts old = existing.get(0);
          jdbc.update("DELETE FROM mds_record WHERE ordinal = ?", old.ordinal());
          return Optional.of(new StoredChange(old.ordinal(), site, old.facts(), null, old.key()));
        });
  }

  /** The keys of a site's records (a partner leaves). */
  public List<String> keysOf(String site) {
    return jdbc.queryForList(
        "SELECT mds_id FROM mds_record WHERE site = ? ORDER BY ordinal", String.class, site);
  }

  /** Whether the site has left the network (its uploads are refused). */
  public boolean departed(String site) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM mds_departed_site WHERE site = ?", Integer.class, site);
    return count != null && count > 0;
  }

  /** Every site that has left the network. */
  public Set<String> departedSites() {
    return Set.copyOf(jdbc.queryForList("SELECT site FROM mds_departed_site", String.class));
  }

  /** Marks the site departed (once; a repetition keeps the first). */
  public void markDeparted(String site, String caseId) {
    if (!departed(site)) {
      try {
        jdbc.update(
            "INSERT INTO mds_departed_site (site, case_id, departed_ms) VALUES (?,?,?)",
            site,
            caseId,
            clock.millis());
      } catch (org.springframework.dao.DuplicateKeyException concurrent) {
        // marked by a concurrent call: the same state
      }
    }
  }

  /** The sites holding a record under this pseudonym (a person withdrawn everywhere). */
  public List<String> sitesOf(String mdsId) {
    return jdbc.queryForList("SELECT site FROM mds_record WHERE mds_id = ?", String.class, mdsId);
  }

  /**
   * Moves the records under {@code mdsId} (of one site, or of every site when {@code site} is null)
   * to {@code replacement}; the facts and ordinals stay, so the count engine is unaffected.
   */
  public int rekey(String site, String mdsId, String replacement) {
    checkKey(site == null ? "ALL" : site, replacement);
    return site == null
        ? jdbc.update("UPDATE mds_record SET mds_id = ? WHERE mds_id = ?", replacement, mdsId)
        : jdbc.update(
            "UPDATE mds_record SET mds_id = ? WHERE site = ? AND mds_id = ?",
            replacement,
            site,
            mdsId);
  }

  /**
   * Streams the facts of every record (count engine rebuild); never the resources. Inside a
   * read-only transaction, so PostgreSQL's driver fetches with a cursor instead of loading all
   * rows.
   */
  public void forEachFacts(Consumer<StoredFacts> consumer) {
    transactions.executeWithoutResult(
        status ->
            jdbc.query(
                "SELECT ordinal, site, facts, record_key FROM mds_record",
                rs -> {
                  consumer.accept(
                      new StoredFacts(
                          rs.getInt(1),
                          rs.getString(2),
                          PatientFacts.decode(rs.getString(3)),
                          rs.getInt(4)));
                }));
  }

  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM mds_record", Long.class);
    return count == null ? 0 : count;
  }

  private static void checkKey(String site, String mdsId) {
    if (site == null || !SITE.matcher(site).matches()) {
      throw new IllegalArgumentException("site must be 1-16 upper-case letters or digits");
    }
    if (mdsId == null || mdsId.isBlank() || mdsId.length() > MAX_ID) {
      throw new IllegalArgumentException("MDS*G-ID must be 1-" + MAX_ID + " characters");
    }
  }
}
