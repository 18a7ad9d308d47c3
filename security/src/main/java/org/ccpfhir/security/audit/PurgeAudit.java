package org.ccpfhir.security.audit;

import java.time.Instant;
import java.util.List;

/** The audit record of a purge run by the component itself (audit trail, retention policies). */
public final class PurgeAudit {

  private PurgeAudit() {}

  /**
   * Records that the component purged something.
   *
   * @param outcome FHIR AuditEvent outcome: 0 done, 8 failed
   * @param detail what, how many, up to when — never record content
   */
  public static void record(AuditRecorder recorder, Instant when, String outcome, String detail) {
    recorder.record(
        new AuditEntry(
            when,
            new AuditAgent(AuditAgent.Kind.COMPONENT, recorder.observer(), null, List.of(), null),
            null,
            "purge",
            "purge",
            "D",
            null,
            null,
            null,
            0,
            outcome,
            detail));
  }
}
