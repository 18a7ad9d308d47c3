package org.ccpfhir.bridgehead.terms;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses every FHIR call of a user who has not accepted the terms of use in force: 403 with an
 * OperationOutcome saying where to read and accept them. Public calls ({@code metadata}) and
 * callers who are not users pass.
 */
@Interceptor
public class TermsGate implements FhirInterceptor {

  private final TermsOfUse terms;

  public TermsGate(TermsOfUse terms) {
    this.terms = terms;
  }

  /**
   * Before anything reads the body (validation, the ingest's checks): a user who has not accepted
   * learns that first, whatever the request.
   */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
  public boolean check(RequestDetails request) {
    if ("metadata".equals(request.getRequestPath())) {
      return true;
    }
    Caller caller = Caller.current().orElse(null);
    if (caller == null || terms.accepted(caller)) {
      return true;
    }
    String text =
        "the terms of use (version "
            + terms.version()
            + ") have not been accepted by "
            + caller.id()
            + ": read them at GET "
            + TermsEndpoint.PATH
            + " and accept them with POST "
            + TermsEndpoint.PATH
            + " (the site pages show them after login)";
    throw new ForbiddenOperationException(
        text, SecurityResponses.outcome(IssueType.FORBIDDEN, text));
  }
}
