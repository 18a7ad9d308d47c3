package org.ccpfhir.identity.local;

import java.util.Map;
import org.ccpfhir.identity.local.EpiLinkMatcher.Classification;

/**
 * The EpiLink score shared by the plain-text and the control-number matcher: field similarities
 * weighted by the fields' EpiLink weights, over the fields present in both records, classified by
 * two thresholds.
 */
public final class WeightedScore {

  private WeightedScore() {}

  public static double of(Map<IdatField, Double> similarities) {
    double weighted = 0;
    double total = 0;
    for (Map.Entry<IdatField, Double> entry : similarities.entrySet()) {
      weighted += entry.getKey().weight() * entry.getValue();
      total += entry.getKey().weight();
    }
    return total == 0 ? 0 : weighted / total;
  }

  public static Classification classify(double score, double match, double possibleMatch) {
    if (score >= match) {
      return Classification.MATCH;
    }
    return score >= possibleMatch ? Classification.POSSIBLE_MATCH : Classification.NON_MATCH;
  }
}
