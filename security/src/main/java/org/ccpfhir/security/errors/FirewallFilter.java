package org.ccpfhir.security.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's strict firewall, applied before Spring Security's own filters: those parse the
 * request path for servlets mapped outside the dispatcher (a HAPI server at {@code /fhir/*}), and a
 * path such as {@code /index.html/../fhir/Patient} failed there with an IllegalArgumentException
 * (500) before the firewall of the filter chain could refuse it. Refusals go to {@link
 * RejectedRequests} (400 with an OperationOutcome).
 */
public class FirewallFilter extends OncePerRequestFilter {

  private final HttpFirewall firewall = new StrictHttpFirewall();
  private final RequestRejectedHandler rejected;

  public FirewallFilter(RequestRejectedHandler rejected) {
    this.rejected = rejected;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException e) {
      rejected.handle(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }
}
