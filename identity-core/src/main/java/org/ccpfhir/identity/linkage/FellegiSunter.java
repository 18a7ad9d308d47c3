package org.ccpfhir.identity.linkage;

import java.util.Arrays;
import java.util.List;

/**
 * Fellegi–Sunter weights per field and agreement level, and their estimation by expectation
 * maximisation (EM) from unlabelled comparison patterns (Winkler 1988; Jaro 1989): a two-class
 * mixture (same person / different people) with fields conditionally independent given the class. A
 * level's weight is {@code log2(m / u)}, m = P(level | same person), u = P(level | different).
 *
 * <p>Patterns hold the level index per field, or {@link #MISSING} when a record lacks the field (a
 * missing field adds nothing, weight 0).
 */
public final class FellegiSunter {

  /** A field missing in either record. */
  public static final int MISSING = -1;

  /** Floor of every m and u, so that no level is impossible (weights stay finite). */
  private static final double FLOOR = 1e-5;

  private final double[][] m;
  private final double[][] u;
  private final double matchShare;

  /**
   * @param m P(level | match) per field and level
   * @param u P(level | non-match) per field and level
   * @param matchShare share of matches among the pairs the estimate came from (0 when given)
   */
  public FellegiSunter(double[][] m, double[][] u, double matchShare) {
    if (m.length != u.length) {
      throw new IllegalArgumentException("m and u need the same fields");
    }
    this.m = deepCopy(m);
    this.u = deepCopy(u);
    this.matchShare = matchShare;
  }

  /** log2(m/u) of one field's level; 0 for {@link #MISSING}. */
  public double weight(int field, int level) {
    if (level == MISSING) {
      return 0;
    }
    return Math.log(Math.max(FLOOR, m[field][level]) / Math.max(FLOOR, u[field][level]))
        / Math.log(2);
  }

  /** The weights as a table {@code [field][level]} (the matcher's hot path reads arrays). */
  public double[][] weights() {
    double[][] table = new double[m.length][];
    for (int field = 0; field < m.length; field++) {
      table[field] = new double[m[field].length];
      for (int level = 0; level < m[field].length; level++) {
        table[field][level] = weight(field, level);
      }
    }
    return table;
  }

  public double m(int field, int level) {
    return m[field][level];
  }

  public double u(int field, int level) {
    return u[field][level];
  }

  public double matchShare() {
    return matchShare;
  }

  /**
   * EM from comparison patterns, starting at {@code start} (its m, u and match share).
   *
   * @param patterns level per field of each compared pair ({@link #MISSING} allowed)
   * @param iterations EM steps (the estimate settles within a few dozen)
   */
  public static FellegiSunter estimate(List<int[]> patterns, FellegiSunter start, int iterations) {
    int fields = start.m.length;
    double[][] m = deepCopy(start.m);
    double[][] u = deepCopy(start.u);
    double p = start.matchShare > 0 ? start.matchShare : 0.01;
    for (int step = 0; step < iterations; step++) {
      double[][] mNext = zeros(m);
      double[][] uNext = zeros(u);
      double[] mSeen = new double[fields];
      double[] uSeen = new double[fields];
      double matches = 0;
      for (int[] pattern : patterns) {
        double logMatch = Math.log(p);
        double logNon = Math.log(1 - p);
        for (int f = 0; f < fields; f++) {
          if (pattern[f] != MISSING) {
            logMatch += Math.log(Math.max(FLOOR, m[f][pattern[f]]));
            logNon += Math.log(Math.max(FLOOR, u[f][pattern[f]]));
          }
        }
        double g = 1 / (1 + Math.exp(logNon - logMatch)); // P(match | pattern)
        matches += g;
        for (int f = 0; f < fields; f++) {
          if (pattern[f] != MISSING) {
            mNext[f][pattern[f]] += g;
            uNext[f][pattern[f]] += 1 - g;
            mSeen[f] += g;
            uSeen[f] += 1 - g;
          }
        }
      }
      for (int f = 0; f < fields; f++) {
        for (int level = 0; level < m[f].length; level++) {
          m[f][level] = Math.max(FLOOR, mNext[f][level] / Math.max(FLOOR, mSeen[f]));
          u[f][level] = Math.max(FLOOR, uNext[f][level] / Math.max(FLOOR, uSeen[f]));
        }
      }
      p = Math.min(0.999, Math.max(1e-6, matches / Math.max(1, patterns.size())));
    }
    return new FellegiSunter(m, u, p);
  }

  private static double[][] zeros(double[][] shape) {
    double[][] zeros = new double[shape.length][];
    for (int i = 0; i < shape.length; i++) {
      zeros[i] = new double[shape[i].length];
    }
    return zeros;
  }

  private static double[][] deepCopy(double[][] table) {
    double[][] copy = new double[table.length][];
    for (int i = 0; i < table.length; i++) {
      copy[i] = Arrays.copyOf(table[i], table[i].length);
    }
    return copy;
  }
}
