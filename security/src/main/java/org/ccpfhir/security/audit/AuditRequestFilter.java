package org.ccpfhir.security.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records one audit entry per HTTP request, after it has been answered — also refused (401/403) and
 * failed ones. Runs outside the security filter chain; the chain leaves the authenticated caller
 * and any refusal reason in request attributes.
 */
public class AuditRequestFilter extends OncePerRequestFilter {

  private final AuditRecorder recorder;
  private final List<String> fhirBasePaths;
  private final List<String> skipPaths;

  public AuditRequestFilter(
      AuditRecorder recorder, List<String> fhirBasePaths, List<String> skipPaths) {
    this.recorder = recorder;
    this.fhirBasePaths = List.copyOf(fhirBasePaths);
    this.skipPaths = List.copyOf(skipPaths);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return skipPaths.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      recorder.record(entry(request, failed ? 500 : response.getStatus()));
    }
  }

  AuditEntry entry(HttpServletRequest request, int status) {
    AuditAgent agent =
        request.getAttribute(AuditAgent.REQUEST_ATTRIBUTE) instanceof AuditAgent known
            ? known
            : AuditAgent.anonymous(request.getRemoteAddr());
    String path = request.getRequestURI();
    String interaction = FhirInteractions.of(request.getMethod(), path, fhirBasePaths);
    Object detail = request.getAttribute(AuditEntry.DETAIL_ATTRIBUTE);
    return new AuditEntry(
        Instant.now(),
        agent,
        null,
        path.startsWith("/oauth2/token") ? "token" : "rest",
        interaction,
        FhirInteractions.action(request.getMethod(), interaction),
        request.getMethod(),
        AuditQuerySanitizer.path(path),
        AuditQuerySanitizer.query(request.getQueryString()),
        status,
        AuditEntry.outcomeOf(status),
        detail == null ? null : detail.toString());
  }
}
