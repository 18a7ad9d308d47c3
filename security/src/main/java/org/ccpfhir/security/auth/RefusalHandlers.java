package org.ccpfhir.security.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 answers as OperationOutcomes that say what was missing. */
class RefusalHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    // sets the WWW-Authenticate header (with the token error, if a token was sent)
    bearer.commence(request, response, exception);
    String reason =
        request.getHeader("Authorization") == null
            ? "authentication required: send a bearer token (Authorization: Bearer ...)"
                + " or a network certificate"
            : "invalid bearer token: " + exception.getMessage();
    SecurityResponses.refuse(
        request, response, HttpServletResponse.SC_UNAUTHORIZED, IssueType.LOGIN, reason);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    // the path stays out of the reason: it is audited, and paths may carry client-chosen text
    String reason = "forbidden: " + who() + " may not " + request.getMethod() + " this endpoint";
    SecurityResponses.refuse(
        request, response, HttpServletResponse.SC_FORBIDDEN, IssueType.FORBIDDEN, reason);
  }

  /** "forbidden for user x with roles [...]": who was refused, for refusal messages. */
  static String forbiddenFor() {
    return "forbidden for " + who();
  }

  private static String who() {
    return Caller.current()
        .map(c -> c.kind().name().toLowerCase() + " " + c.id() + " with roles " + c.roles())
        .orElse("caller");
  }
}
