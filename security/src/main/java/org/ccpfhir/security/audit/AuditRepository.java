package org.ccpfhir.security.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit table of this component ({@link #SCHEMA}: own Flyway migrations and history table, so
 * it lives next to whatever else the app keeps in its database; migrated before this exists).
 */
public class AuditRepository {

  /** The audit table's migrations, {@code db/ccp-audit}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-audit");

  private static final String COLUMNS =
      "id, recorded_ms, agent_kind, agent_id, site, category, interaction, outcome, status, path,"
          + " resource";

  /**
   * Search criteria; null fields do not restrict.
   *
   * @param from recorded at or after
   * @param to recorded before
   * @param agentId the caller's id
   * @param interaction the interaction code
   * @param outcome the outcome code
   * @param category the category
   * @param count page size
   * @param offset rows to skip
   */
  public record Query(
      Instant from,
      Instant to,
      String agentId,
      String interaction,
      String outcome,
      String category,
      int count,
      int offset) {

    public static Query all() {
      return new Query(null, null, null, null, null, null, 1000, 0);
    }
  }

  private final JdbcTemplate jdbc;
  private final IParser parser = FhirContext.forR4Cached().newJsonParser();

  public AuditRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public void insert(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (AuditEntry entry : entries) {
      String id = UUID.randomUUID().toString();
      AuditEvent event = AuditEventMapper.toFhir(id, entry);
      rows.add(
          new Object[] {
            id,
            entry.recorded().toEpochMilli(),
            entry.agent().kind().name(),
            truncate(entry.agent().id(), 200),
            truncate(entry.agent().site(), 16),
            entry.category(),
            entry.interaction(),
            entry.outcome(),
            entry.status(),
            truncate(entry.path(), 1000),
            parser.encodeResourceToString(event)
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO ccp_audit_event (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows);
  }

  public Optional<AuditEvent> read(String id) {
    return jdbc.query("SELECT resource FROM ccp_audit_event WHERE id = ?", this::event, id).stream()
        .findFirst();
  }

  /** Newest first. */
  public List<AuditEvent> search(Query query) {
    StringBuilder sql = new StringBuilder("SELECT resource FROM ccp_audit_event WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (query.from() != null) {
      sql.append(" AND recorded_ms >= ?");
      args.add(query.from().toEpochMilli());
    }
    if (query.to() != null) {
      sql.append(" AND recorded_ms < ?");
      args.add(query.to().toEpochMilli());
    }
    condition(sql, args, "agent_id", query.agentId());
    condition(sql, args, "interaction", query.interaction());
    condition(sql, args, "outcome", query.outcome());
    condition(sql, args, "category", query.category());
    sql.append(" ORDER BY recorded_ms DESC, id LIMIT ? OFFSET ?");
    args.add(query.count());
    args.add(query.offset());
    return jdbc.query(sql.toString(), this::event, args.toArray());
  }

  public int purgeOlderThan(Instant cutoff) {
    return jdbc.update("DELETE FROM ccp_audit_event WHERE recorded_ms < ?", cutoff.toEpochMilli());
  }

  private AuditEvent event(java.sql.ResultSet row, int index) throws java.sql.SQLException {
    return parser.parseResource(AuditEvent.class, row.getString(1));
  }

  private static void condition(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static String truncate(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
