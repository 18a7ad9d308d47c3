package org.ccpfhir.mdssearch.disclosure;

import java.time.Duration;

/** The user has used up a query budget; the message says which and when to retry. */
public class BudgetExceededException extends RuntimeException {

  private final Duration retryAfter;

  public BudgetExceededException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
