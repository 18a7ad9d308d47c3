package org.ccpfhir.mdssearch.count;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * True counts of one query: never leaves the server without the disclosure policy.
 *
 * @param patients matching patients
 * @param samples samples of the matching patients (of the types the query asks for, if any)
 * @param stratifications per requested stratification, the patients per stratum
 */
public record CountResult(Cell patients, Cell samples, List<Stratification> stratifications) {

  public CountResult {
    stratifications = List.copyOf(stratifications);
  }

  /**
   * Patients per stratum of one stratification (one or more dimensions, e.g. age × sex × site).
   *
   * @param dimensions the stratifiers, in canonical order
   * @param cells stratum values (one per dimension, in order) to their cell; every combination of
   *     the dimensions' full value sets, empty ones included
   */
  public record Stratification(List<Stratifier> dimensions, Map<List<String>, Cell> cells) {
    public Stratification {
      dimensions = List.copyOf(dimensions);
      cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }
  }
}
