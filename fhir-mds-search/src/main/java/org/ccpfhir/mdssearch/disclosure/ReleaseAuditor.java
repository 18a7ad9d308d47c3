package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditRecorder;

/**
 * The release record's text (the normalised query and, for every cell, the true and the released
 * value) — stored durably with the budget charge by {@link QueryBudget#charge} — and its copy in
 * the admin-only AuditEvent trail (category {@code release}), with refusals.
 */
public class ReleaseAuditor {

  private static final int MAX_QUERY = 2000;

  private final AuditRecorder recorder;
  private final Clock clock;

  public ReleaseAuditor(AuditRecorder recorder, Clock clock) {
    this.recorder = recorder;
    this.clock = clock;
  }

  /** The AuditEvent of a release whose record is already committed. */
  public void released(AuditAgent agent, String path, String detail) {
    record(agent, path, 200, detail);
  }

  /** A refused request (over budget: 429, over a limit: 400), so abuse is visible too. */
  public void refused(AuditAgent agent, String path, int status, String reason) {
    record(agent, path, status, reason);
  }

  private void record(AuditAgent agent, String path, int status, String detail) {
    recorder.record(
        new AuditEntry(
            clock.instant(),
            agent,
            null,
            "release",
            "release",
            "E",
            null,
            path,
            null,
            status,
            AuditEntry.outcomeOf(status),
            detail));
  }

  /**
   * The release record of a query.
   *
   * @param patientsOnly a search total (only the patients cell is released)
   */
  public static String detail(String canonical, ReleasedCounts counts, boolean patientsOnly) {
    StringBuilder detail = new StringBuilder();
    detail
        .append("query ")
        .append(counts.queryKey(), 0, 16)
        .append(' ')
        .append(canonical.length() > MAX_QUERY ? canonical.substring(0, MAX_QUERY) : canonical);
    append(detail, "patients", counts.patients());
    if (patientsOnly) {
      return detail.toString();
    }
    append(detail, "samples", counts.samples());
    for (ReleasedCounts.Stratification stratification : counts.stratifications()) {
      stratification
          .cells()
          .forEach(
              (values, released) -> {
                StringBuilder cell = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                  cell.append(i == 0 ? "" : "|")
                      .append(stratification.dimensions().get(i).code())
                      .append('=')
                      .append(values.get(i));
                }
                append(detail, cell.toString(), released);
              });
    }
    return detail.toString();
  }

  private static void append(StringBuilder detail, String cell, Released released) {
    detail
        .append("; ")
        .append(cell)
        .append(" true=")
        .append(released.trueCount())
        .append(" released=")
        .append(released);
  }
}
