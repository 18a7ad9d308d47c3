package org.ccpfhir.identity.linkage;

import java.util.Map;
import org.ccpfhir.identity.idat.IdatField;

/**
 * The EpiLink score shared by the plain-text and the control-number matcher: field similarities
 * weighted by the fields' EpiLink weights, over the fields present in both records, classified by
 * two thresholds.
 */
public final class WeightedScore {

  private static final IdatField[] FIELDS = IdatField.values();
  private static final double[] WEIGHTS =
      java.util.Arrays.stream(FIELDS).mapToDouble(IdatField::weight).toArray();

  private WeightedScore() {}

  public static double of(Map<IdatField, Double> similarities) {
    double[] byField = new double[FIELDS.length];
    java.util.Arrays.fill(byField, Double.NaN);
    similarities.forEach((field, similarity) -> byField[field.ordinal()] = similarity);
    return of(byField);
  }

  /**
   * The same over similarities by {@link IdatField#ordinal()}; NaN marks a field missing in either
   * record (the central list's hot path: no map, no boxing).
   */
  public static double of(double[] similarities) {
    double weighted = 0;
    double total = 0;
    for (int i = 0; i < similarities.length; i++) {
      if (!Double.isNaN(similarities[i])) {
        weighted += WEIGHTS[i] * similarities[i];
        total += WEIGHTS[i];
      }
    }
    return total == 0 ? 0 : weighted / total;
  }

  public static LinkageClass classify(double score, double match, double possibleMatch) {
    if (score >= match) {
      return LinkageClass.MATCH;
    }
    return score >= possibleMatch ? LinkageClass.POSSIBLE_MATCH : LinkageClass.NON_MATCH;
  }
}
