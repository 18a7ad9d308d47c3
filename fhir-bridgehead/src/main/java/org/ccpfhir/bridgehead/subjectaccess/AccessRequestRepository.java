package org.ccpfhir.bridgehead.subjectaccess;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cases of access requests (Flyway {@code db/ccp-subjectaccess}): case number, local pseudonym,
 * requester and the export without identifying data.
 */
public class AccessRequestRepository {

  /** The access requests' migrations, {@code db/ccp-subjectaccess}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-subjectaccess");

  private final JdbcTemplate jdbc;

  public AccessRequestRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** One kept case. */
  public record StoredCase(
      String caseNumber, String bkLocal, String requestedBy, long createdMs, String exportJson) {}

  public void insert(StoredCase stored) {
    jdbc.update(
        "INSERT INTO ccp_access_request (case_number, bk_local, requested_by, created_ms,"
            + " export_json) VALUES (?,?,?,?,?)",
        stored.caseNumber(),
        stored.bkLocal(),
        stored.requestedBy(),
        stored.createdMs(),
        stored.exportJson());
  }

  public Optional<StoredCase> find(String caseNumber) {
    return jdbc
        .query(
            "SELECT case_number, bk_local, requested_by, created_ms, export_json"
                + " FROM ccp_access_request WHERE case_number = ?",
            (row, i) ->
                new StoredCase(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getLong(4),
                    row.getString(5)),
            caseNumber)
        .stream()
        .findFirst();
  }

  /** Retention: deletes the cases opened before the cutoff. */
  public int deleteCreatedBefore(Instant cutoff) {
    return jdbc.update(
        "DELETE FROM ccp_access_request WHERE created_ms < ?", cutoff.toEpochMilli());
  }
}
