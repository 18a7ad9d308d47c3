package org.ccpfhir.bridgehead.consent;

import java.time.Clock;
import java.util.List;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * AuditEvents for decisions (consent changes, the four-eyes switch, upload runs) besides the
 * request record every call gets. The agent is the calling user, or this bridgehead itself for
 * scheduled work. Details name resources by id and kinds, never identifying data.
 */
@Component
public class DecisionAuditor {

  private final AuditRecorder recorder;
  private final AuditAgent self;
  private final Clock clock = Clock.systemUTC();

  public DecisionAuditor(AuditRecorder recorder, ObjectProvider<ComponentTls> tls) {
    this.recorder = recorder;
    ComponentTls ours = tls.getIfAvailable();
    this.self =
        new AuditAgent(
            AuditAgent.Kind.COMPONENT,
            ours == null ? recorder.observer() : ours.self().cn(),
            ours == null ? null : ours.self().site(),
            List.of("component"),
            null);
  }

  /**
   * @param category e.g. {@code consent}, {@code upload}
   * @param action FHIR AuditEvent action C, R, U, D or E
   * @param status HTTP-like status of the decision (200 done, 4xx refused, 5xx failed)
   */
  public void record(String category, String action, String path, int status, String detail) {
    AuditAgent agent = Caller.current().map(c -> c.toAuditAgent(null)).orElse(self);
    recorder.record(
        new AuditEntry(
            clock.instant(),
            agent,
            null,
            category,
            category,
            action,
            null,
            path,
            null,
            status,
            AuditEntry.outcomeOf(status),
            detail));
  }
}
