package org.ccpfhir.mdssearch.count;

/** A count query that cannot be evaluated; the message says what and where (client error). */
public class CriteriaException extends RuntimeException {

  public CriteriaException(String message) {
    super(message);
  }
}
