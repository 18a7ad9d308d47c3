package org.ccpfhir.security.audit;

import java.util.List;

/**
 * Who made a request: a user or application (by token), a component (by certificate), or an
 * unauthenticated caller.
 *
 * @param kind what kind of caller
 * @param id username, client id or component name (e.g. {@code bridgehead.HD}); null if unknown
 * @param site the caller's site, if any
 * @param roles the caller's roles
 * @param networkAddress the remote address, if known
 */
public record AuditAgent(
    Kind kind, String id, String site, List<String> roles, String networkAddress) {

  /** Request attribute under which the security layer leaves the authenticated caller. */
  public static final String REQUEST_ATTRIBUTE = "org.ccpfhir.security.audit.AuditAgent";

  /** Kinds of callers. */
  public enum Kind {
    USER,
    APPLICATION,
    COMPONENT,
    ANONYMOUS
  }

  public AuditAgent {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public static AuditAgent anonymous(String networkAddress) {
    return new AuditAgent(Kind.ANONYMOUS, null, null, List.of(), networkAddress);
  }
}
