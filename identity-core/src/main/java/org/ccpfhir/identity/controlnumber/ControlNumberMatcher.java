package org.ccpfhir.identity.controlnumber;

import static org.ccpfhir.identity.idat.IdatField.BIRTH_DAY;
import static org.ccpfhir.identity.idat.IdatField.BIRTH_MONTH;
import static org.ccpfhir.identity.idat.IdatField.BIRTH_YEAR;
import static org.ccpfhir.identity.idat.IdatField.FIRST_NAME;
import static org.ccpfhir.identity.idat.IdatField.LAST_NAME;
import static org.ccpfhir.identity.idat.IdatField.SEX;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.linkage.WeightedScore;

/**
 * The central patient list's comparison of two sets of control numbers: Dice similarity per field,
 * EpiLink weights per field, first/last name exchange and former names considered; the weighted
 * score is classified with configurable thresholds. XOR-folded filters of unrelated values still
 * share bits, so the thresholds sit higher than for plain-text comparison.
 *
 * <p>Similarities are computed into an array by field ordinal (NaN = missing in either record): the
 * list ranks thousands of candidates per request with {@link #score} and builds the full {@link
 * Result} only for the best one.
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
      LinkageClass classification, double score, Map<IdatField, Double> similarities) {}

  /** Default thresholds (measured, bench/README.md): match and possible match (review). */
  public static final double MATCH = 0.85;

  public static final double POSSIBLE_MATCH = 0.72;

  /** A date part below this is not exact (one day off ≈ 0.67, a credited swap 0.5). */
  private static final double NEAR_DATE = 0.9;

  /** A name below this has more than a small spelling difference. */
  private static final double NEAR_NAME = 0.8;

  /**
   * Below this a date part disagrees (other days ≤ 0.4); one day off (≈ 0.67) and a swapped
   * day/month pair (credited {@link #SWAP_CREDIT} of ≈ 1) do not.
   */
  private static final double DISAGREEMENT = 0.5;

  /**
   * A day/month swap (1960-05-12 for 1960-12-05) counts half: a typical error, but not agreement.
   */
  private static final double SWAP_CREDIT = 0.5;

  private static final IdatField[] FIELDS = IdatField.values();

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

  /** A scratch array for {@link #score}, one per thread. */
  public static double[] scratch() {
    return new double[FIELDS.length];
  }

  /** The weighted score alone (ranking candidates); {@code scratch} from {@link #scratch()}. */
  public double score(ControlNumbers a, ControlNumbers b, double[] scratch) {
    similarities(a, b, scratch);
    return WeightedScore.of(scratch);
  }

  public Result compare(ControlNumbers a, ControlNumbers b) {
    double[] sims = scratch();
    double score = score(a, b, sims);
    LinkageClass classification =
        WeightedScore.classify(score, matchThreshold, possibleMatchThreshold);
    if (classification == LinkageClass.MATCH && (birthDateDisagrees(sims) || twoDeviations(sims))) {
      // a birth date that differs (other than by a day/month swap or one day) is strong evidence
      // of two people — EpiLink's disagreement weight; so are a near date together with a near
      // name or another sex (one error per record is common, two are rare): the admin judges
      classification = LinkageClass.POSSIBLE_MATCH;
    }
    Map<IdatField, Double> byField = new EnumMap<>(IdatField.class);
    for (IdatField field : FIELDS) {
      if (!Double.isNaN(sims[field.ordinal()])) {
        byField.put(field, sims[field.ordinal()]);
      }
    }
    return new Result(classification, score, byField);
  }

  private static void similarities(ControlNumbers a, ControlNumbers b, double[] sims) {
    Arrays.fill(sims, Double.NaN);
    for (IdatField field : FIELDS) {
      if (a.has(field) && b.has(field)) {
        sims[field.ordinal()] = dice(a, field, b, field);
      }
    }
    names(a, b, sims);
    dayMonthSwap(a, b, sims);
  }

  private static boolean twoDeviations(double[] sims) {
    boolean nearDate =
        below(sims, BIRTH_DAY, NEAR_DATE)
            || below(sims, BIRTH_MONTH, NEAR_DATE)
            || below(sims, BIRTH_YEAR, NEAR_DATE);
    boolean nearName = below(sims, FIRST_NAME, NEAR_NAME) || below(sims, LAST_NAME, NEAR_NAME);
    return nearDate && (nearName || below(sims, SEX, DISAGREEMENT));
  }

  private static boolean birthDateDisagrees(double[] sims) {
    return below(sims, BIRTH_DAY, DISAGREEMENT)
        || below(sims, BIRTH_MONTH, DISAGREEMENT)
        || below(sims, BIRTH_YEAR, DISAGREEMENT);
  }

  /** NaN (missing) is never below anything. */
  private static boolean below(double[] sims, IdatField field, double limit) {
    return sims[field.ordinal()] < limit;
  }

  private static void dayMonthSwap(ControlNumbers a, ControlNumbers b, double[] sims) {
    if (!(a.has(BIRTH_DAY) && a.has(BIRTH_MONTH) && b.has(BIRTH_DAY) && b.has(BIRTH_MONTH))) {
      return;
    }
    double straight = sims[BIRTH_DAY.ordinal()] + sims[BIRTH_MONTH.ordinal()];
    double dayAsMonth = dice(a, BIRTH_DAY, b, BIRTH_MONTH);
    double monthAsDay = dice(a, BIRTH_MONTH, b, BIRTH_DAY);
    if (SWAP_CREDIT * (dayAsMonth + monthAsDay) > straight) {
      sims[BIRTH_DAY.ordinal()] = SWAP_CREDIT * dayAsMonth;
      sims[BIRTH_MONTH.ordinal()] = SWAP_CREDIT * monthAsDay;
    }
  }

  private static void names(ControlNumbers a, ControlNumbers b, double[] sims) {
    boolean aHasLast = a.has(LAST_NAME);
    boolean bHasLast = b.has(LAST_NAME);
    if (a.has(FIRST_NAME) && aHasLast && b.has(FIRST_NAME) && bHasLast) {
      double straight = sims[FIRST_NAME.ordinal()] + sims[LAST_NAME.ordinal()];
      double first = dice(a, FIRST_NAME, b, LAST_NAME);
      double last = dice(a, LAST_NAME, b, FIRST_NAME);
      if (first + last > straight) {
        sims[FIRST_NAME.ordinal()] = first;
        sims[LAST_NAME.ordinal()] = last;
      }
    }
    double best = Double.isNaN(sims[LAST_NAME.ordinal()]) ? -1 : sims[LAST_NAME.ordinal()];
    if (bHasLast) {
      for (int i = 0; i < a.formerCount(); i++) {
        best =
            Math.max(
                best, ControlNumbers.dice(a, ControlNumbers.formerSlot(i), b, LAST_NAME.ordinal()));
      }
    }
    if (aHasLast) {
      for (int i = 0; i < b.formerCount(); i++) {
        best =
            Math.max(
                best, ControlNumbers.dice(a, LAST_NAME.ordinal(), b, ControlNumbers.formerSlot(i)));
      }
    }
    if (best >= 0) {
      sims[LAST_NAME.ordinal()] = best;
    }
  }

  private static double dice(ControlNumbers a, IdatField x, ControlNumbers b, IdatField y) {
    return ControlNumbers.dice(a, x.ordinal(), b, y.ordinal());
  }
}
