package org.ccpfhir.security.auth;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.security.audit.AuditEntry;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Writes the refusals of the security layer as FHIR OperationOutcomes and hands the reason to the
 * audit trail.
 */
public final class SecurityResponses {

  private SecurityResponses() {}

  public static OperationOutcome outcome(IssueType type, String diagnostics) {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
    return outcome;
  }

  public static String json(OperationOutcome outcome) {
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome);
  }

  /** Sends a refusal; the reason also goes to the audit record of this request. */
  public static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      IssueType type,
      String diagnostics)
      throws IOException {
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, diagnostics);
    response.setStatus(status);
    response.setContentType("application/fhir+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json(outcome(type, diagnostics)));
  }
}
