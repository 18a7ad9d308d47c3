package org.ccpfhir.security.audit;

import java.time.Instant;

/**
 * One audited event. Holds no identifying data of patients: paths and queries arrive sanitized
 * ({@link AuditQuerySanitizer}) and details are written by the platform's own code.
 *
 * @param recorded when
 * @param agent who
 * @param observer the recording component (e.g. {@code bridgehead.HD}); filled by the recorder when
 *     null
 * @param category {@code rest}, {@code tls}, {@code security}, {@code purge}, ...
 * @param interaction read, search, create, update, patch, delete, transaction, operation, history,
 *     capabilities, token, handshake, purge, other
 * @param action FHIR AuditEvent action: C, R, U, D or E
 * @param method HTTP method, if any
 * @param path request path, sanitized
 * @param query query string, sanitized
 * @param status HTTP status, 0 when not an HTTP request
 * @param outcome FHIR AuditEvent outcome: 0, 4, 8 or 12
 * @param detail short reason or result text
 */
public record AuditEntry(
    Instant recorded,
    AuditAgent agent,
    String observer,
    String category,
    String interaction,
    String action,
    String method,
    String path,
    String query,
    int status,
    String outcome,
    String detail) {

  /** Request attribute where code leaves a short reason or result for the audit record. */
  public static final String DETAIL_ATTRIBUTE = "org.ccpfhir.security.audit.detail";

  public AuditEntry withObserver(String name) {
    return new AuditEntry(
        recorded,
        agent,
        name,
        category,
        interaction,
        action,
        method,
        path,
        query,
        status,
        outcome,
        detail);
  }

  /** FHIR outcome code of an HTTP status. */
  public static String outcomeOf(int status) {
    if (status >= 500) {
      return "8";
    }
    return status >= 400 ? "4" : "0";
  }
}
