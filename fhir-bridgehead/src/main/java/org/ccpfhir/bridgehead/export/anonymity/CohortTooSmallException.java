package org.ccpfhir.bridgehead.export.anonymity;

/** A cohort with fewer records than k cannot be k-anonymous however it is generalised. */
public class CohortTooSmallException extends RuntimeException {

  public CohortTooSmallException(int size, int k) {
    super(
        "the cohort has " + size + " patients, fewer than k = " + k + ": nothing can be exported");
  }
}
