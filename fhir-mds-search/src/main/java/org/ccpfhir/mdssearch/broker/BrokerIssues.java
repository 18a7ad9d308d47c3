package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** 4xx answers of the broker with an OperationOutcome naming what and where. */
final class BrokerIssues {

  private BrokerIssues() {}

  /** 422 with one error issue at {@code expression} (a FHIRPath into the sent Task). */
  static UnprocessableEntityException unprocessable(String expression, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.PROCESSING)
        .setDiagnostics(message)
        .addExpression(expression);
    UnprocessableEntityException exception =
        new UnprocessableEntityException(expression + ": " + message);
    exception.setOperationOutcome(outcome);
    return exception;
  }

  static String messageOf(BaseServerResponseException e) {
    return e.getStatusCode() + " " + e.getMessage();
  }
}
