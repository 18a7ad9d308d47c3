package org.ccpfhir.synthetic.identity;

import java.time.LocalDate;
import java.util.List;

/**
 * A made-up person's identifying data with the ground truth for record-linkage tests: records with
 * the same {@code personId} are the same person, however corrupted.
 *
 * @param personId ground-truth identity
 * @param firstName given name(s)
 * @param lastName family name (null when the corruption dropped it)
 * @param formerNames earlier family names (e.g. birth name)
 * @param birthDate birth date (null when dropped)
 * @param sex {@code female} or {@code male}
 */
public record SyntheticIdentity(
    long personId,
    String firstName,
    String lastName,
    List<String> formerNames,
    LocalDate birthDate,
    String sex) {

  public SyntheticIdentity {
    formerNames = List.copyOf(formerNames);
  }
}
