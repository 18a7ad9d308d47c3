package org.ccpfhir.mdssearch.disclosure;

import java.util.List;
import java.util.Map;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Stratifier;

/**
 * What may leave the server for one query: released patients, samples and strata.
 *
 * @param queryKey the normalised query's key (audit)
 * @param patients released patient count
 * @param samples released sample count
 * @param stratifications released strata per requested stratification
 */
public record ReleasedCounts(
    String queryKey, Released patients, Released samples, List<Stratification> stratifications) {

  /**
   * Released strata of one stratification.
   *
   * @param dimensions the stratifiers
   * @param cells stratum values to released counts, in the engine's order
   */
  public record Stratification(List<Stratifier> dimensions, Map<List<String>, Released> cells) {}
}
