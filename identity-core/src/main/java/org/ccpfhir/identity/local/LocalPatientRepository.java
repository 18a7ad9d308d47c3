package org.ccpfhir.identity.local;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of the local patient list and its review list; IDAT only as ciphertext. */
public class LocalPatientRepository {

  /** The local patient list's migrations, {@code db/ccp-local-patients}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-local-patients");

  /** A stored record: pseudonym and sealed IDAT. */
  public record Row(String bkLocalId, byte[] sealedIdat) {}

  private final JdbcTemplate jdbc;

  public LocalPatientRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public List<Row> candidates(BlockingKeys.Keys keys) {
    return jdbc.query(
        "SELECT bk_local_id, idat FROM ccp_local_patient WHERE block_name_a IN (?,?)"
            + " OR block_name_b IN (?,?) OR block_birth = ?",
        (rs, i) -> new Row(rs.getString(1), Base64.getDecoder().decode(rs.getString(2))),
        keys.nameA(),
        keys.nameB(),
        keys.nameA(),
        keys.nameB(),
        keys.birth());
  }

  public java.util.Optional<Row> find(String bkLocalId) {
    return jdbc
        .query(
            "SELECT bk_local_id, idat FROM ccp_local_patient WHERE bk_local_id = ?",
            (rs, i) -> new Row(rs.getString(1), Base64.getDecoder().decode(rs.getString(2))),
            bkLocalId)
        .stream()
        .findFirst();
  }

  public void insert(String bkLocalId, BlockingKeys.Keys keys, byte[] sealedIdat, long now) {
    jdbc.update(
        "INSERT INTO ccp_local_patient (bk_local_id, block_name_a, block_name_b, block_birth, idat,"
            + " created_ms) VALUES (?,?,?,?,?,?)",
        bkLocalId,
        keys.nameA(),
        keys.nameB(),
        keys.birth(),
        Base64.getEncoder().encodeToString(sealedIdat),
        now);
  }

  public void addReview(
      String bkLocalId,
      String candidateId,
      double score,
      Map<IdatField, Double> similarities,
      long now) {
    jdbc.update(
        "INSERT INTO ccp_local_review (id, bk_local_id, candidate_id, score, similarities,"
            + " created_ms) VALUES (?,?,?,?,?,?)",
        UUID.randomUUID().toString(),
        bkLocalId,
        candidateId,
        score,
        similarities.toString(),
        now);
  }

  /** Open reviews: pseudonym pairs and scores, never IDAT. */
  public List<Map<String, Object>> openReviews() {
    return jdbc.queryForList(
        "SELECT id, bk_local_id, candidate_id, score, similarities FROM ccp_local_review"
            + " WHERE decision IS NULL ORDER BY created_ms");
  }

  /**
   * Records the key's check value on first use, or verifies it.
   *
   * @return false when the list was written with another key
   */
  public boolean keyMatches(String checkValue) {
    List<String> stored =
        jdbc.queryForList(
            "SELECT check_value FROM ccp_local_patient_key WHERE id = 1", String.class);
    if (stored.isEmpty()) {
      jdbc.update("INSERT INTO ccp_local_patient_key (id, check_value) VALUES (1, ?)", checkValue);
      return true;
    }
    return stored.get(0).equals(checkValue);
  }

  /** Removes a person's IDAT and review entries; returns whether the person was on the list. */
  public boolean delete(String bkLocalId) {
    jdbc.update(
        "DELETE FROM ccp_local_review WHERE bk_local_id = ? OR candidate_id = ?",
        bkLocalId,
        bkLocalId);
    return jdbc.update("DELETE FROM ccp_local_patient WHERE bk_local_id = ?", bkLocalId) == 1;
  }

  /** The open review with this id: {@code [bk_local_id, candidate_id]}, or empty. */
  public java.util.Optional<String[]> openReview(String reviewId) {
    return jdbc
        .query(
            "SELECT bk_local_id, candidate_id FROM ccp_local_review WHERE id = ? AND decision IS NULL",
            (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
            reviewId)
        .stream()
        .findFirst();
  }

  public void decide(String reviewId, String decision, long now) {
    jdbc.update(
        "UPDATE ccp_local_review SET decision = ?, decided_ms = ? WHERE id = ?",
        decision,
        now,
        reviewId);
  }

  public void alias(String retiredId, String keptId, long now) {
    jdbc.update(
        "INSERT INTO ccp_local_alias (retired_id, kept_id, linked_ms) VALUES (?,?,?)",
        retiredId,
        keptId,
        now);
  }

  /** The pseudonym kept for a linked (retired) one, if any. */
  public java.util.Optional<String> keptFor(String id) {
    return jdbc
        .queryForList("SELECT kept_id FROM ccp_local_alias WHERE retired_id = ?", String.class, id)
        .stream()
        .findFirst();
  }

  public int count() {
    Integer count = jdbc.queryForObject("SELECT count(*) FROM ccp_local_patient", Integer.class);
    return count == null ? 0 : count;
  }
}
