package org.ccpfhir.security.auth;

import java.util.List;
import java.util.Optional;
import org.ccpfhir.security.audit.AuditAgent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as established by the security layer: a user or application by a validated token,
 * or another component by its verified certificate. Code that needs the caller's site or pseudonym
 * domains takes them from here, never from a header or the request body.
 *
 * @param kind user, application or component
 * @param id username, client id or certificate name (e.g. {@code bridgehead.HD})
 * @param site site code, or null for central callers
 * @param roles role names (see {@link Roles})
 * @param domains pseudonym domains an application may use; empty for others
 * @param groups the user's groups (departments, biobank units) from the token's groups claim; an
 *     app maps them to what they may see (the bridgehead: treating units); empty for others
 */
public record Caller(
    AuditAgent.Kind kind,
    String id,
    String site,
    List<String> roles,
    List<String> domains,
    List<String> groups) {

  public Caller {
    roles = List.copyOf(roles);
    domains = List.copyOf(domains);
    groups = List.copyOf(groups);
  }

  /** A caller without groups (components, applications). */
  public Caller(
      AuditAgent.Kind kind, String id, String site, List<String> roles, List<String> domains) {
    this(kind, id, site, roles, domains, List.of());
  }

  /** Implemented by the authentications the security layer creates. */
  public interface Source {
    Caller caller();
  }

  public static Optional<Caller> current() {
    return from(SecurityContextHolder.getContext().getAuthentication());
  }

  public static Optional<Caller> from(Authentication authentication) {
    return authentication instanceof Source source && authentication.isAuthenticated()
        ? Optional.of(source.caller())
        : Optional.empty();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public AuditAgent toAuditAgent(String networkAddress) {
    return new AuditAgent(kind, id, site, roles, networkAddress);
  }
}
