package org.ccpfhir.security.tls;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.ca.CertificateRejectedException;
import org.ccpfhir.security.ca.ComponentName;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a calling component by the certificate it presented in the TLS handshake. The
 * certificate is verified again per request because a TLS session can outlive a revocation. The
 * component's site comes from the certificate only: a request that claims another site in the
 * {@value #SITE_HEADER} header is refused.
 */
public class ComponentCertificateFilter extends OncePerRequestFilter {

  /** Header in which a caller might claim a site; checked against the certificate, never used. */
  public static final String SITE_HEADER = "X-Ccp-Site";

  private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final ComponentTls tls;

  public ComponentCertificateFilter(ComponentTls tls) {
    this.tls = tls;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    X509Certificate[] presented = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
    if (presented == null
        || presented.length == 0
        || SecurityContextHolder.getContext().getAuthentication() != null) {
      chain.doFilter(request, response);
      return;
    }
    ComponentName name;
    try {
      name = tls.verifier().verify(presented);
    } catch (CertificateRejectedException e) {
      // the reason only: a foreign certificate's subject may be anything, even a person's name
      SecurityResponses.refuse(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          IssueType.LOGIN,
          "network certificate refused: " + e.reason());
      return;
    } catch (CertificateException e) {
      SecurityResponses.refuse(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          IssueType.LOGIN,
          "network certificate refused: unverifiable");
      return;
    }
    ComponentAuthentication authentication = new ComponentAuthentication(name, presented[0]);
    request.setAttribute(
        AuditAgent.REQUEST_ATTRIBUTE,
        authentication.caller().toAuditAgent(request.getRemoteAddr()));
    String claimed = request.getHeader(SITE_HEADER);
    if (claimed != null && !claimed.equals(name.site())) {
      SecurityResponses.refuse(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          IssueType.FORBIDDEN,
          "certificate "
              + name.cn()
              + " is for "
              + (name.site() == null ? "a central component" : "site " + name.site())
              + "; a component cannot act for another site");
      return;
    }
    SecurityContextHolder.getContext().setAuthentication(authentication);
    chain.doFilter(request, response);
  }
}
