package org.ccpfhir.identity.local;

import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.linkage.WeightedScore;

/**
 * Compares two sets of normalised identifying data the EpiLink way: per field a similarity in [0,
 * 1] (Jaro-Winkler for names, equality otherwise), weighted by the field's EpiLink weight, summed
 * and divided by the weights of the fields present in both records. First and last name may be
 * exchanged, and former names count against the last name: the better reading wins.
 */
public final class EpiLinkMatcher {

  /**
   * A comparison's verdict.
   *
   * @param classification match, possible match (to review) or non-match
   * @param score weighted similarity in [0, 1]
   * @param similarities per-field similarity (for the review list)
   */
  public record Result(
      LinkageClass classification, double score, Map<IdatField, Double> similarities) {}

  private static final double TRANSPOSED_DATE_CREDIT = 0.5;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  private final double matchThreshold;
  private final double possibleMatchThreshold;

  public EpiLinkMatcher(double matchThreshold, double possibleMatchThreshold) {
    if (!(0 < possibleMatchThreshold
        && possibleMatchThreshold < matchThreshold
        && matchThreshold <= 1)) {
      throw new IllegalArgumentException("need 0 < possible-match < match <= 1");
    }
    this.matchThreshold = matchThreshold;
    this.possibleMatchThreshold = possibleMatchThreshold;
  }

  public Result compare(Idat a, Idat b) {
    Map<IdatField, Double> similarities = new EnumMap<>(IdatField.class);
    for (IdatField field : IdatField.values()) {
      String x = a.fields().get(field);
      String y = b.fields().get(field);
      if (x != null && y != null) {
        similarities.put(
            field, field.isName() ? JARO_WINKLER.apply(x, y) : x.equals(y) ? 1.0 : 0.0);
      }
    }
    exchangeNames(a, b, similarities);
    formerNames(a, b, similarities);
    transposedDate(a, b, similarities);
    double score = WeightedScore.of(similarities);
    LinkageClass classification =
        WeightedScore.classify(score, matchThreshold, possibleMatchThreshold);
    return new Result(classification, score, similarities);
  }

  private static void exchangeNames(Idat a, Idat b, Map<IdatField, Double> similarities) {
    String af = a.fields().get(IdatField.FIRST_NAME);
    String al = a.fields().get(IdatField.LAST_NAME);
    String bf = b.fields().get(IdatField.FIRST_NAME);
    String bl = b.fields().get(IdatField.LAST_NAME);
    if (af == null || al == null || bf == null || bl == null) {
      return;
    }
    double straight =
        similarities.get(IdatField.FIRST_NAME) + similarities.get(IdatField.LAST_NAME);
    double first = JARO_WINKLER.apply(af, bl);
    double last = JARO_WINKLER.apply(al, bf);
    if (first + last > straight) {
      similarities.put(IdatField.FIRST_NAME, first);
      similarities.put(IdatField.LAST_NAME, last);
    }
  }

  /** Day and month swapped (a common recording error) earns half credit: review, not match. */
  private static void transposedDate(Idat a, Idat b, Map<IdatField, Double> similarities) {
    String ad = a.fields().get(IdatField.BIRTH_DAY);
    String am = a.fields().get(IdatField.BIRTH_MONTH);
    if (ad != null
        && am != null
        && !ad.equals(am)
        && ad.equals(b.fields().get(IdatField.BIRTH_MONTH))
        && am.equals(b.fields().get(IdatField.BIRTH_DAY))) {
      similarities.put(IdatField.BIRTH_DAY, TRANSPOSED_DATE_CREDIT);
      similarities.put(IdatField.BIRTH_MONTH, TRANSPOSED_DATE_CREDIT);
    }
  }

  private static void formerNames(Idat a, Idat b, Map<IdatField, Double> similarities) {
    String al = a.fields().get(IdatField.LAST_NAME);
    String bl = b.fields().get(IdatField.LAST_NAME);
    double best = similarities.getOrDefault(IdatField.LAST_NAME, -1.0);
    for (String former : a.formerNames()) {
      if (bl != null) {
        best = Math.max(best, JARO_WINKLER.apply(former, bl));
      }
    }
    for (String former : b.formerNames()) {
      if (al != null) {
        best = Math.max(best, JARO_WINKLER.apply(al, former));
      }
    }
    if (best >= 0) {
      similarities.put(IdatField.LAST_NAME, best);
    }
  }
}
