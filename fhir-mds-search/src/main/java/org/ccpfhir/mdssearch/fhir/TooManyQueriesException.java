package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;

/** 429: the caller's query budget is used up (an OperationOutcome says which and until when). */
class TooManyQueriesException extends BaseServerResponseException {

  TooManyQueriesException(String message, Duration retryAfter) {
    super(429, message);
    addResponseHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
  }
}
