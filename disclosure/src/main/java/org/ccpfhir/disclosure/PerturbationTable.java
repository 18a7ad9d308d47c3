package org.ccpfhir.disclosure;

/**
 * The perturbation table of the cell-key method (module README): the released value of a cell is a
 * fixed function of its true count and its cell key, so asking again — in any wording, order or
 * operation — can never yield a second draw.
 *
 * <p>For a true count n at or above the floor, two numbers u1, u2 uniform in [0, 1) are derived
 * from (cell key, n, measure) by a 64-bit mixing function; u1 picks the perturbation p from {@link
 * #NOISE} (values −2 … +2 with probabilities 1/10, 2/10, 4/10, 2/10, 1/10: mean 0, variance 1.2); n
 * + p is then rounded to a multiple r of the rounding base: down or up, with u2, such that the
 * expected value is n + p (unbiased random rounding). So the released value differs from n by less
 * than rounding + 2, and its expectation is n. A result below the floor is released as "&lt;floor";
 * a true count below the floor (0 included) always is.
 */
public final class PerturbationTable {

  /** Perturbation values −2 … +2 and their probabilities in tenths. */
  static final int[] NOISE = {-2, -1, 0, 1, 2};

  static final int[] TENTHS = {1, 2, 4, 2, 1};

  /** Cells counting patients (totals and strata: the same patients, the same value). */
  public static final long PATIENTS = 0x70617469656e7473L;

  /** The samples cell (samples of the matching patients: another measure, another draw). */
  public static final long SAMPLES = 0x73616d706c657321L;

  private static final double TWO_32 = 4294967296.0;

  private final int floor;
  private final int rounding;

  public PerturbationTable(int floor, int rounding) {
    this.floor = floor;
    this.rounding = rounding;
  }

  /**
   * The released value of a cell.
   *
   * @param count the true count
   * @param cellKey the sum of the members' record keys, modulo 2^32
   * @param measure {@link #PATIENTS} or {@link #SAMPLES}
   * @return the released number, or null for "&lt;floor"
   */
  public Integer release(int count, int cellKey, long measure) {
    if (count < floor) {
      return null;
    }
    long mixed = mix((((long) cellKey) << 32 | (count & 0xffffffffL)) ^ measure);
    double u1 = (mixed >>> 32) / TWO_32;
    double u2 = (mixed & 0xffffffffL) / TWO_32;
    long perturbed = (long) count + perturbation(u1);
    long lower = Math.floorDiv(perturbed, rounding) * (long) rounding;
    double up = (double) (perturbed - lower) / rounding;
    long released = u2 < up ? lower + rounding : lower;
    return released < floor ? null : (int) Math.min(released, Integer.MAX_VALUE);
  }

  static int perturbation(double u) {
    int cumulative = 0;
    for (int i = 0; i < NOISE.length; i++) {
      cumulative += TENTHS[i];
      if (u * 10 < cumulative) {
        return NOISE[i];
      }
    }
    return NOISE[NOISE.length - 1];
  }

  /** SplitMix64's finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
