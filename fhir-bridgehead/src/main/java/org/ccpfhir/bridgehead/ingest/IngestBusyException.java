package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** 429: all validation permits are taken (see {@code ccp.ingest.concurrent-bundles}). */
class IngestBusyException extends BaseServerResponseException {

  static final int TOO_MANY_REQUESTS = 429;

  IngestBusyException(Duration waited) {
    super(TOO_MANY_REQUESTS, message(), outcome());
    addResponseHeader("Retry-After", Long.toString(Math.max(1, waited.toSeconds())));
  }

  private static String message() {
    return "the site is validating as many bundles as it may at once "
        + "(ccp.ingest.concurrent-bundles); nothing was stored, send the bundle again later";
  }

  private static OperationOutcome outcome() {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.ERROR)
        .setCode(IssueType.TRANSIENT)
        .setDiagnostics(message());
    return outcome;
  }
}
