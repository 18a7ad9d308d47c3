package org.ccpfhir.security.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records one audit entry per HTTP request — also refused (401/403) and failed ones — and makes it
 * durable, with every record the request made, before the first byte of the answer leaves. If the
 * audit trail cannot be written, the answer is withheld and the caller gets 503. Runs outside the
 * security filter chain; the chain leaves the authenticated caller and any refusal reason in
 * request attributes.
 */
public class AuditRequestFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AuditRequestFilter.class);

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
    try (AuditRecorder.RequestRecords records = recorder.openRequest()) {
      AuditedResponse audited =
          new AuditedResponse(response, status -> stored(records, request, status));
      boolean failed = true;
      try {
        chain.doFilter(request, audited);
        failed = false;
      } finally {
        if (!audited.decided()) {
          // nothing has been written yet (empty answer, or the chain failed before answering)
          audited.decide(failed ? 500 : audited.getStatus());
        }
      }
      if (audited.withheld()) {
        withhold(response);
      }
    }
  }

  private boolean stored(
      AuditRecorder.RequestRecords records, HttpServletRequest request, int status) {
    try {
      records.store(entry(request, status));
      return true;
    } catch (RuntimeException e) {
      log.error("audit trail unavailable, answer withheld: {}", SafeLog.describe(e));
      records.keep(entry(request, HttpServletResponse.SC_SERVICE_UNAVAILABLE));
      return false;
    }
  }

  private static void withhold(HttpServletResponse response) throws IOException {
    response.reset();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/fhir+json;charset=UTF-8");
    response.setHeader("Retry-After", "30");
    response
        .getWriter()
        .write(
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"transient\",\"diagnostics\":\"The audit trail cannot be written;"
                + " the answer was withheld. Try again later.\"}]}");
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
