package org.ccpfhir.identity.controlnumber;

import static org.ccpfhir.identity.idat.IdatField.BIRTH_DAY;
import static org.ccpfhir.identity.idat.IdatField.BIRTH_MONTH;
import static org.ccpfhir.identity.idat.IdatField.BIRTH_YEAR;
import static org.ccpfhir.identity.idat.IdatField.FIRST_NAME;
import static org.ccpfhir.identity.idat.IdatField.LAST_NAME;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.FellegiSunter;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.linkage.WeightedScore;

/**
 * The central patient list's comparison of two sets of control numbers, after Fellegi and Sunter:
 * each field's Bloom-filter Dice similarity (first/last name exchange and former names considered,
 * a day/month swap recognised) is turned into an agreement level — agree, close, phonetic (Kölner
 * Phonetik codes agree), disagree for names; agree, near (one day off, swapped with the month, one
 * year digit wrong or two exchanged), disagree for the birth date parts; missing when either record
 * lacks the field — and each level carries its weight {@code log2(m/u)} ({@link FellegiSunter}; the
 * defaults were estimated by EM from unlabelled candidate pairs, bench/README.md). The score is the
 * sum of the weights as a share of what full agreement on the same fields would weigh (1 = every
 * field agrees); it is classified with configurable thresholds.
 *
 * <p>Similarities and weights are computed into one array (the list ranks thousands of candidates
 * per request with {@link #score} and builds the full {@link Result} only for the best one).
 */
public final class ControlNumberMatcher {

  /**
   * A comparison's verdict.
   *
   * @param classification match, possible match (review) or non-match
   * @param score sum of the field weights as a share of full agreement's, at most 1
   * @param similarities Dice per field, for the review page
   * @param weights the Fellegi–Sunter weight (bits) each field added, for the review page
   */
  public record Result(
      LinkageClass classification,
      double score,
      Map<IdatField, Double> similarities,
      Map<IdatField, Double> weights) {}

  /** Default thresholds (measured on the realistic mix, bench/README.md). */
  public static final double MATCH = 0.4;

  /**
   * Just above 0.207, what two people with both names different and only birth date and sex in
   * common score (issue 21): at 0.2 every such pair was a review, and the exact birth-date blocking
   * pass finds them — 8.7 % of new people went to review at 10,000 stored (one in ~58,000 shares a
   * date and sex, so nearly all at a million). Copies with a short-name typo, which used to score
   * 0.16–0.19, now reach the typo level of the names instead ({@code TYPO_BITS}).
   */
  public static final double POSSIBLE_MATCH = 0.21;

  /** Agreement levels of a name. */
  static final int AGREE = 0;

  static final int CLOSE = 1;
  static final int PHONETIC = 2;
  static final int NAME_DISAGREE = 3;

  /** Agreement levels of a birth-date part. */
  static final int NEAR = 1;

  static final int DATE_DISAGREE = 2;

  /** Dice from which a field agrees (equal values; folding keeps this near 1). */
  private static final double EXACT = 0.9;

  /** Names at least this similar differ by a typo or so. */
  private static final double CLOSE_NAME = 0.7;

  /**
   * Name filters differing in at most this many bits differ by one letter (substituted: two of the
   * padded bigrams, ~20 bits each, ~38 after folding; inserted or dropped: ~30), whatever the
   * name's length — a typo in a four- or five-letter name leaves Dice 0.6–0.67, under {@link
   * #CLOSE_NAME} (issue 21: Carlos/Carlod, Marie/Mariw were scored as other names).
   */
  private static final int TYPO_BITS = 42;

  /** With the same phonetic code a name this similar is a spelling variant. */
  private static final double PHONETIC_NAME = 0.4;

  /** Day or month at least this similar is one off (≈ 0.67) or swapped (credited 0.5). */
  private static final double NEAR_DATE = 0.45;

  /** A year at least this similar has one digit wrong or two exchanged (≈ 0.4; others ≈ 0.2). */
  private static final double NEAR_YEAR = 0.32;

  /** Below this Dice a name is another name (one typo in a three-letter name leaves 0.5). */
  private static final double OTHER_NAME = 0.45;

  /**
   * At most this many bits of the shorter name missing in the other, which has at least {@link
   * #EXTRA_WORD_BITS} more: one name is part of the other (Anna / Anna Maria, Huneke /
   * Huneke-Lorenz: 8–15 bits missing, the part's padded end bigram; the other has a whole word
   * more, ≥ 40 bits). Without the extra word Jara / Kiara (15 bits missing) counted as contained.
   */
  private static final int CONTAINED_BITS = 15;

  private static final int EXTRA_WORD_BITS = 30;

  /**
   * A part needs at least this many bits (four letters and more): Liv in Oliver Markus, Co in
   * Conrad, Ann in Erdmann are no parts (false matches at 100,000 people).
   */
  private static final int PART_BITS = 45;

  /** A day/month swap (1960-05-12 for 1960-12-05) counts half: a typical error, not agreement. */
  private static final double SWAP_CREDIT = 0.5;

  private static final IdatField[] FIELDS = IdatField.values();
  private static final int N = FIELDS.length;

  /**
   * m and u per field (by {@link IdatField} ordinal) and level: the EM estimate from the unlabelled
   * candidate pairs of the realistic mix ({@code LinkageQualityTest}, 3,000 people, ~100,000
   * candidate pairs), rounded; an m the mix never produced (a month or sex recorded wrongly) is set
   * to 0.005 rather than EM's 0 — such errors are rare (EpiLink's error rates for these fields are
   * 0.2–0.5 %), not impossible. u is conditional on LSH blocking (candidates share name bigrams and
   * year bits), so agreement weighs less than over random pairs.
   */
  public static final FellegiSunter DEFAULT_WEIGHTS =
      new FellegiSunter(
          new double[][] {
            {0.84, 0.077, 0.028, 0.058}, // first name: agree, close, phonetic, disagree
            {0.73, 0.17, 0.025, 0.073}, // last name
            {0.89, 0.078, 0.032}, // birth day: agree, near, disagree
            {0.98, 0.02, 0.005}, // birth month
            {0.92, 0.078, 0.005}, // birth year
            {0.995, 0.005}, // sex: agree, disagree
            {0.97, 0.03} // citizenship (not yet carried by the IDAT: EpiLink's rate)
          },
          new double[][] {
            {0.0127, 0.0091, 0.0058, 0.972},
            {0.0167, 0.0068, 0.0021, 0.974},
            {0.033, 0.092, 0.875},
            {0.083, 0.179, 0.738},
            {0.077, 0.28, 0.645},
            {0.51, 0.49},
            {0.8, 0.2}
          },
          0);

  /** The matcher with the default thresholds and weights. */
  public static ControlNumberMatcher withDefaults() {
    return new ControlNumberMatcher(MATCH, POSSIBLE_MATCH);
  }

  private final double matchThreshold;
  private final double possibleMatchThreshold;
  private final double[][] weights;

  public ControlNumberMatcher(double matchThreshold, double possibleMatchThreshold) {
    this(matchThreshold, possibleMatchThreshold, DEFAULT_WEIGHTS);
  }

  public ControlNumberMatcher(
      double matchThreshold, double possibleMatchThreshold, FellegiSunter model) {
    if (!(0 < possibleMatchThreshold && possibleMatchThreshold < matchThreshold)) {
      throw new IllegalArgumentException("need 0 < possible-match < match");
    }
    this.matchThreshold = matchThreshold;
    this.possibleMatchThreshold = possibleMatchThreshold;
    this.weights = model.weights();
    if (weights.length != N) {
      throw new IllegalArgumentException("the model needs one row per IDAT field");
    }
  }

  /**
   * A scratch array for {@link #score}, one per thread: similarities, then levels, then weights,
   * then the names' differing filter bits, by field ordinal.
   */
  public static double[] scratch() {
    return new double[4 * N];
  }

  /** The score alone (ranking candidates); {@code scratch} from {@link #scratch()}. */
  public double score(ControlNumbers a, ControlNumbers b, double[] scratch) {
    similarities(a, b, scratch);
    double total = 0;
    double full = 0;
    for (int f = 0; f < N; f++) {
      int level = (int) scratch[N + f];
      double weight = level == FellegiSunter.MISSING ? 0 : weights[f][level];
      scratch[2 * N + f] = weight;
      if (level != FellegiSunter.MISSING) {
        total += weight;
        full += weights[f][AGREE];
      }
    }
    return full <= 0 ? 0 : Math.min(1, total / full);
  }

  /** The agreement level per field (EM input): {@link FellegiSunter#MISSING} when absent. */
  public static int[] levels(ControlNumbers a, ControlNumbers b) {
    double[] scratch = scratch();
    similarities(a, b, scratch);
    int[] levels = new int[N];
    for (int f = 0; f < N; f++) {
      levels[f] = (int) scratch[N + f];
    }
    return levels;
  }

  public Result compare(ControlNumbers a, ControlNumbers b) {
    double[] scratch = scratch();
    double score = score(a, b, scratch);
    LinkageClass classification =
        WeightedScore.classify(score, matchThreshold, possibleMatchThreshold);
    if (classification == LinkageClass.MATCH
        && (otherName(scratch, FIRST_NAME)
            || otherName(scratch, LAST_NAME)
            || onlyPhoneticNames(scratch)
            || nameAndDateOff(scratch))) {
      // another first name with the rest agreeing is what twins look like, another last name
      // (no former name matching) what two people of one first name and birth date look like:
      // the fields are not independent there, and in a list of 10,000 such pairs exist by
      // chance, whatever the weights add up to — the admin judges
      classification = LinkageClass.POSSIBLE_MATCH;
    }
    Map<IdatField, Double> byField = new EnumMap<>(IdatField.class);
    Map<IdatField, Double> weightByField = new EnumMap<>(IdatField.class);
    for (IdatField field : FIELDS) {
      if (!Double.isNaN(scratch[field.ordinal()])) {
        byField.put(field, scratch[field.ordinal()]);
        weightByField.put(field, scratch[2 * N + field.ordinal()]);
      }
    }
    return new Result(classification, score, byField, weightByField);
  }

  private static void similarities(ControlNumbers a, ControlNumbers b, double[] sims) {
    Arrays.fill(sims, 0, N, Double.NaN);
    Arrays.fill(sims, 3 * N, 4 * N, Double.POSITIVE_INFINITY);
    for (IdatField field : FIELDS) {
      if (a.has(field) && b.has(field)) {
        sims[field.ordinal()] = dice(a, field, b, field);
      }
    }
    boolean swapped = names(a, b, sims);
    boolean dayMonthSwapped = dayMonthSwap(a, b, sims);
    for (IdatField field : FIELDS) {
      int f = field.ordinal();
      double sim = sims[f];
      int level;
      if (Double.isNaN(sim)) {
        level = FellegiSunter.MISSING;
      } else if (field.isName()) {
        level =
            nameLevel(
                sim,
                sims[3 * N + f],
                contained(a, b, field, swapped),
                phoneticAgrees(a, b, field, swapped));
      } else if (dayMonthSwapped && field == BIRTH_MONTH && sim >= SWAP_CREDIT * EXACT) {
        // day and month exactly exchanged: as rare by chance as an agreeing month (1 in ~370
        // pairs), so the month counts as agreeing and the day as near — together ≈ 3.3 bits,
        // where the straight date gives ≈ 8.3
        level = AGREE;
      } else if (field == BIRTH_DAY || field == BIRTH_MONTH) {
        level = sim >= EXACT && !dayMonthSwapped ? AGREE : sim >= NEAR_DATE ? NEAR : DATE_DISAGREE;
      } else if (field == BIRTH_YEAR) {
        level = sim >= EXACT ? AGREE : sim >= NEAR_YEAR ? NEAR : DATE_DISAGREE;
      } else {
        level = sim >= EXACT ? AGREE : 1;
      }
      sims[N + f] = level;
    }
  }

  private static int nameLevel(
      double dice, double differingBits, boolean contained, boolean phonetic) {
    if (dice >= EXACT) {
      return AGREE;
    }
    if (dice >= CLOSE_NAME || differingBits <= TYPO_BITS || contained) {
      return CLOSE;
    }
    return phonetic && dice >= PHONETIC_NAME ? PHONETIC : NAME_DISAGREE;
  }

  /** Another name altogether: not a typo (a short name with one typo keeps ≥ 0.5) nor a part. */
  private static boolean otherName(double[] scratch, IdatField name) {
    return scratch[name.ordinal()] < OTHER_NAME && scratch[N + name.ordinal()] == NAME_DISAGREE;
  }

  /**
   * The first name only sounds alike and the last name disagrees: the birth date alone carries the
   * match — two people of one birth date and sex with Annie / Anny are found in 10,000 (seed 2 of
   * the benchmark), so the admin judges.
   */
  private static boolean onlyPhoneticNames(double[] scratch) {
    return scratch[N + FIRST_NAME.ordinal()] == PHONETIC
        && scratch[N + LAST_NAME.ordinal()] == NAME_DISAGREE;
  }

  private static final IdatField[] DATE_PARTS = {BIRTH_DAY, BIRTH_MONTH, BIRTH_YEAR};

  /**
   * The birth date is off and the names do not carry the match alone: the month or the year
   * disagrees (not near: a copy's year digit error is near), or a part is off while a name is only
   * phonetic or disagrees, or while both names are off. Each is a typical error of a copy, but
   * together they are what two people of one family or of common names look like; the weights,
   * which assume independent fields, add up past the match threshold there (issue 21, at 100,000
   * people: Justine Dertmann 1938-02-01 / Justine Hamann 1983-02-01, Katarina / Katharina Günz 2003
   * / 1977, Eddy / Eda Jegorov 1995-11-07 / 1992-11-06, Marlen Schulz / Madlen Scholz) — so the
   * admin judges. (Also sending a disagreeing day with a close name, or any two parts off, to
   * review removed a few more of them but pushed the review share over 5 %.)
   */
  private static boolean nameAndDateOff(double[] scratch) {
    boolean partOff = false;
    for (IdatField part : DATE_PARTS) {
      int level = (int) scratch[N + part.ordinal()];
      partOff |= level != AGREE && level != FellegiSunter.MISSING;
    }
    boolean monthOrYearDisagrees =
        scratch[N + BIRTH_MONTH.ordinal()] == DATE_DISAGREE
            || scratch[N + BIRTH_YEAR.ordinal()] == DATE_DISAGREE;
    int first = (int) scratch[N + FIRST_NAME.ordinal()];
    int last = (int) scratch[N + LAST_NAME.ordinal()];
    boolean weakName = first >= PHONETIC || last >= PHONETIC;
    boolean bothOff = first != AGREE && last != AGREE;
    return monthOrYearDisagrees || (partOff && (weakName || bothOff));
  }

  /** One name is part of the other (Müller / Müller-Schmidt, Anna / Anna Maria). */
  private static boolean contained(
      ControlNumbers a, ControlNumbers b, IdatField field, boolean swapped) {
    IdatField other = swapped ? (field == FIRST_NAME ? LAST_NAME : FIRST_NAME) : field;
    return a.has(field)
        && b.has(other)
        && ControlNumbers.missingBits(
                a, field.ordinal(), b, other.ordinal(), EXTRA_WORD_BITS, PART_BITS)
            <= CONTAINED_BITS;
  }

  /** The names' Kölner Phonetik filters agree (crossed when the names were exchanged). */
  private static boolean phoneticAgrees(
      ControlNumbers a, ControlNumbers b, IdatField field, boolean swapped) {
    int own =
        field == FIRST_NAME
            ? ControlNumbers.FIRST_PHONETIC_SLOT
            : ControlNumbers.LAST_PHONETIC_SLOT;
    int other =
        swapped
            ? (field == FIRST_NAME
                ? ControlNumbers.LAST_PHONETIC_SLOT
                : ControlNumbers.FIRST_PHONETIC_SLOT)
            : own;
    return a.hasSlot(own) && b.hasSlot(other) && ControlNumbers.dice(a, own, b, other) >= EXACT;
  }

  /** Day and month exchanged: each is credited {@link #SWAP_CREDIT} of its crossed similarity. */
  private static boolean dayMonthSwap(ControlNumbers a, ControlNumbers b, double[] sims) {
    if (!(a.has(BIRTH_DAY) && a.has(BIRTH_MONTH) && b.has(BIRTH_DAY) && b.has(BIRTH_MONTH))) {
      return false;
    }
    double straight = sims[BIRTH_DAY.ordinal()] + sims[BIRTH_MONTH.ordinal()];
    double dayAsMonth = dice(a, BIRTH_DAY, b, BIRTH_MONTH);
    double monthAsDay = dice(a, BIRTH_MONTH, b, BIRTH_DAY);
    // exchanged exactly and not equal straight: a swap, even when the straight parts are each one
    // off (10-11 for 11-10) — one error, where the straight reading needs two
    boolean exactSwap = dayAsMonth >= EXACT && monthAsDay >= EXACT && straight < 2 * EXACT;
    if (exactSwap || SWAP_CREDIT * (dayAsMonth + monthAsDay) > straight) {
      sims[BIRTH_DAY.ordinal()] = SWAP_CREDIT * dayAsMonth;
      sims[BIRTH_MONTH.ordinal()] = SWAP_CREDIT * monthAsDay;
      return true;
    }
    return false;
  }

  /**
   * First/last exchange and former names; true when the names were taken crosswise. Also leaves the
   * differing bits of the name filters compared in {@code sims[3N + field]}.
   */
  private static boolean names(ControlNumbers a, ControlNumbers b, double[] sims) {
    boolean aHasLast = a.has(LAST_NAME);
    boolean bHasLast = b.has(LAST_NAME);
    boolean swapped = false;
    int first = FIRST_NAME.ordinal();
    int last = LAST_NAME.ordinal();
    if (a.has(FIRST_NAME) && aHasLast && b.has(FIRST_NAME) && bHasLast) {
      double straight = sims[first] + sims[last];
      double crossedFirst = dice(a, FIRST_NAME, b, LAST_NAME);
      double crossedLast = dice(a, LAST_NAME, b, FIRST_NAME);
      if (crossedFirst + crossedLast > straight) {
        sims[first] = crossedFirst;
        sims[last] = crossedLast;
        swapped = true;
      }
    }
    if (a.has(FIRST_NAME) && b.has(FIRST_NAME)) {
      sims[3 * N + first] =
          swapped
              ? ControlNumbers.differingBits(a, first, b, last)
              : ControlNumbers.differingBits(a, first, b, first);
    }
    double best = Double.NaN;
    int bestA = last;
    int bestB = swapped ? first : last;
    if (!Double.isNaN(sims[last])) {
      best = sims[last];
    }
    if (bHasLast) {
      for (int i = 0; i < a.formerCount(); i++) {
        double former = ControlNumbers.dice(a, ControlNumbers.formerSlot(i), b, last);
        if (Double.isNaN(best) || former > best) {
          best = former;
          bestA = ControlNumbers.formerSlot(i);
          bestB = last;
        }
      }
    }
    if (aHasLast) {
      for (int i = 0; i < b.formerCount(); i++) {
        double former = ControlNumbers.dice(a, last, b, ControlNumbers.formerSlot(i));
        if (Double.isNaN(best) || former > best) {
          best = former;
          bestA = last;
          bestB = ControlNumbers.formerSlot(i);
        }
      }
    }
    if (!Double.isNaN(best)) {
      sims[last] = best;
      sims[3 * N + last] = ControlNumbers.differingBits(a, bestA, b, bestB);
    }
    return swapped;
  }

  private static double dice(ControlNumbers a, IdatField x, ControlNumbers b, IdatField y) {
    return ControlNumbers.dice(a, x.ordinal(), b, y.ordinal());
  }
}
