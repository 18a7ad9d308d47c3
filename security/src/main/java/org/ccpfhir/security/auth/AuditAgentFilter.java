package org.ccpfhir.security.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ccpfhir.security.audit.AuditAgent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated caller to the audit trail. Runs inside the security filter chain, after
 * authentication and before authorization, so refused requests are attributed too; the audit filter
 * outside the chain reads the attribute when the request has finished.
 */
class AuditAgentFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller.current()
        .ifPresent(
            caller ->
                request.setAttribute(
                    AuditAgent.REQUEST_ATTRIBUTE, caller.toAuditAgent(request.getRemoteAddr())));
    chain.doFilter(request, response);
  }
}
