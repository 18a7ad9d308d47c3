package org.ccpfhir.identity.linkage;

/**
 * How two records of a person relate, as the local list's EpiLink matcher and the central list's
 * control-number matcher classify them: the same person, one to review, or different people.
 */
public enum LinkageClass {
  MATCH,
  POSSIBLE_MATCH,
  NON_MATCH
}
