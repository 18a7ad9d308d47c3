package org.ccpfhir.identity.controlnumber;

import java.util.EnumMap;
import java.util.Map;
import org.ccpfhir.identity.local.EpiLinkMatcher.Classification;
import org.ccpfhir.identity.local.IdatField;
import org.ccpfhir.identity.local.WeightedScore;

/**
 * The central patient list's comparison of two sets of control numbers: Dice similarity per field,
 * EpiLink weights per field, first/last name exchange and former names considered; the weighted
 * score is classified with configurable thresholds. XOR-folded filters of unrelated values still
 * share bits, so the thresholds sit higher than for plain-text comparison.
 */
public final class ControlNumberMatcher {

  /**
   * A comparison's verdict.
   *
   * @param classification match, possible match (review) or non-match
   * @param score weighted similarity in [0, 1]
   * @param similarities Dice per field, for the review page
   */
  public record Result(
      Classification classification, double score, Map<IdatField, Double> similarities) {}

  /** Default thresholds (measured, bench/README.md): match and possible match (review). */
  public static final double MATCH = 0.85;

  public static final double POSSIBLE_MATCH = 0.72;

  /** The matcher with the default thresholds. */
  public static ControlNumberMatcher withDefaults() {
    return new ControlNumberMatcher(MATCH, POSSIBLE_MATCH);
  }

  private final double matchThreshold;
  private final double possibleMatchThreshold;

  public ControlNumberMatcher(double matchThreshold, double possibleMatchThreshold) {
    if (!(0 < possibleMatchThreshold && possibleMatchThreshold < matchThreshold)) {
      throw new IllegalArgumentException("need 0 < possible-match < match");
    }
    this.matchThreshold = matchThreshold;
    this.possibleMatchThreshold = possibleMatchThreshold;
  }

  public Result compare(ControlNumbers a, ControlNumbers b) {
    Map<IdatField, Double> similarities = new EnumMap<>(IdatField.class);
    for (IdatField field : IdatField.values()) {
      long[] x = a.filters().get(field.name());
      long[] y = b.filters().get(field.name());
      if (x != null && y != null) {
        similarities.put(field, KeyedBloomFilter.dice(x, y));
      }
    }
    names(a, b, similarities);
    dayMonthSwap(a, b, similarities);
    double score = WeightedScore.of(similarities);
    Classification classification =
        WeightedScore.classify(score, matchThreshold, possibleMatchThreshold);
    if (classification == Classification.MATCH
        && (birthDateDisagrees(similarities) || twoDeviations(similarities))) {
      // a birth date that differs (other than by a day/month swap or one day) is strong evidence
      // of two people — EpiLink's disagreement weight; so are a near date and a near name at once
      // (one error per record is common, two are rare): the linkage admin judges
      classification = Classification.POSSIBLE_MATCH;
    }
    return new Result(classification, score, similarities);
  }

  private static boolean twoDeviations(Map<IdatField, Double> similarities) {
    boolean nearDate =
        below(similarities, IdatField.BIRTH_DAY, NEAR_DATE)
            || below(similarities, IdatField.BIRTH_MONTH, NEAR_DATE)
            || below(similarities, IdatField.BIRTH_YEAR, NEAR_DATE);
    boolean nearName =
        below(similarities, IdatField.FIRST_NAME, NEAR_NAME)
            || below(similarities, IdatField.LAST_NAME, NEAR_NAME);
    return nearDate && nearName;
  }

  private static boolean below(Map<IdatField, Double> similarities, IdatField field, double limit) {
    Double similarity = similarities.get(field);
    return similarity != null && similarity < limit;
  }

  /** A date part below this is not exact (one day off ≈ 0.67, a credited swap 0.5). */
  private static final double NEAR_DATE = 0.9;

  /** A name below this has more than a small spelling difference. */
  private static final double NEAR_NAME = 0.8;

  private static boolean birthDateDisagrees(Map<IdatField, Double> similarities) {
    return below(similarities, IdatField.BIRTH_DAY, DISAGREEMENT)
        || below(similarities, IdatField.BIRTH_MONTH, DISAGREEMENT)
        || below(similarities, IdatField.BIRTH_YEAR, DISAGREEMENT);
  }

  /**
   * Below this a date part disagrees (other days ≤ 0.4); one day off (≈ 0.67) and a swapped
   * day/month pair (credited {@link #SWAP_CREDIT} of ≈ 1) do not.
   */
  private static final double DISAGREEMENT = 0.5;

  /**
   * A day/month swap (1960-05-12 for 1960-12-05) counts half: a typical error, but not agreement.
   */
  private static void dayMonthSwap(
      ControlNumbers a, ControlNumbers b, Map<IdatField, Double> sims) {
    long[] ad = a.filters().get(IdatField.BIRTH_DAY.name());
    long[] am = a.filters().get(IdatField.BIRTH_MONTH.name());
    long[] bd = b.filters().get(IdatField.BIRTH_DAY.name());
    long[] bm = b.filters().get(IdatField.BIRTH_MONTH.name());
    if (ad == null || am == null || bd == null || bm == null) {
      return;
    }
    double straight = sims.get(IdatField.BIRTH_DAY) + sims.get(IdatField.BIRTH_MONTH);
    double dayAsMonth = KeyedBloomFilter.dice(ad, bm);
    double monthAsDay = KeyedBloomFilter.dice(am, bd);
    if (SWAP_CREDIT * (dayAsMonth + monthAsDay) > straight) {
      sims.put(IdatField.BIRTH_DAY, SWAP_CREDIT * dayAsMonth);
      sims.put(IdatField.BIRTH_MONTH, SWAP_CREDIT * monthAsDay);
    }
  }

  private static final double SWAP_CREDIT = 0.5;

  private static void names(ControlNumbers a, ControlNumbers b, Map<IdatField, Double> sims) {
    long[] af = a.filters().get(IdatField.FIRST_NAME.name());
    long[] al = a.filters().get(IdatField.LAST_NAME.name());
    long[] bf = b.filters().get(IdatField.FIRST_NAME.name());
    long[] bl = b.filters().get(IdatField.LAST_NAME.name());
    if (af != null && al != null && bf != null && bl != null) {
      double straight = sims.get(IdatField.FIRST_NAME) + sims.get(IdatField.LAST_NAME);
      double first = KeyedBloomFilter.dice(af, bl);
      double last = KeyedBloomFilter.dice(al, bf);
      if (first + last > straight) {
        sims.put(IdatField.FIRST_NAME, first);
        sims.put(IdatField.LAST_NAME, last);
      }
    }
    double best = sims.getOrDefault(IdatField.LAST_NAME, -1.0);
    for (Map.Entry<String, long[]> former : a.filters().entrySet()) {
      if (former.getKey().startsWith(ControlNumberEncoder.FORMER) && bl != null) {
        best = Math.max(best, KeyedBloomFilter.dice(former.getValue(), bl));
      }
    }
    for (Map.Entry<String, long[]> former : b.filters().entrySet()) {
      if (former.getKey().startsWith(ControlNumberEncoder.FORMER) && al != null) {
        best = Math.max(best, KeyedBloomFilter.dice(al, former.getValue()));
      }
    }
    if (best >= 0) {
      sims.put(IdatField.LAST_NAME, best);
    }
  }
}
