package org.ccpfhir.bridgehead.export;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refusals of {@code $export-study} as OperationOutcomes naming what is wrong and where (the
 * request parameter); messages never quote values a client sent.
 */
public final class ExportIssues {

  private ExportIssues() {}

  /** 400: the request itself is malformed. */
  public static InvalidRequestException invalid(String where, String message) {
    return new InvalidRequestException(message, outcome(IssueType.INVALID, where, message));
  }

  /** 422: well-formed, but cannot be exported as asked. */
  public static UnprocessableEntityException unprocessable(String where, String message) {
    return new UnprocessableEntityException(message, outcome(IssueType.PROCESSING, where, message));
  }

  private static OperationOutcome outcome(IssueType type, String where, String message) {
    OperationOutcome outcome = new OperationOutcome();
    var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type);
    issue.setDiagnostics(message);
    if (where != null) {
      issue.addExpression(where);
    }
    return outcome;
  }
}
