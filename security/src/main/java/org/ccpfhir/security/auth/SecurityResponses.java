package org.ccpfhir.security.auth;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.security.audit.AuditEntry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes the refusals of the security layer as FHIR OperationOutcomes and hands the reason to the
 * audit trail.
 */
public final class SecurityResponses {

  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private SecurityResponses() {}

  public static OperationOutcome outcome(IssueType type, String diagnostics) {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
    return outcome;
  }

  public static String json(OperationOutcome outcome) {
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome);
  }

  /** A FHIR JSON answer of an endpoint outside HAPI's server (Spring MVC). */
  public static ResponseEntity<String> answer(HttpStatus status, IBaseResource resource) {
    return ResponseEntity.status(status)
        .contentType(FHIR_JSON)
        .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource));
  }

  /** A refusal of an endpoint outside HAPI's server (Spring MVC), as an OperationOutcome. */
  public static ResponseEntity<String> refusal(HttpStatus status, IssueType type, String text) {
    return answer(status, outcome(type, text));
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
