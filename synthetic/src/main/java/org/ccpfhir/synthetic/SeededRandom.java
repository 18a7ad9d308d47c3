package org.ccpfhir.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SplitMix64 generator. Own implementation instead of java.util.Random / SplittableRandom so that
 * output is byte-identical across JDK versions and every patient can be generated independently
 * (random access by index) from a seed derived from (seed, site, index, stream).
 */
final class SeededRandom {

  private long state;

  SeededRandom(long seed) {
    this.state = seed;
  }

  /** A generator whose stream depends on the base seed and all parts (site, index, purpose). */
  static SeededRandom derive(long seed, Object... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (Object part : parts) {
      for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
        h = mix(h ^ (b & 0xFF));
      }
      h = mix(h ^ 0x5DEECE66DL);
    }
    return new SeededRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  /** Uniform in [min, max] inclusive. */
  int between(int min, int max) {
    return min + nextInt(max - min + 1);
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** Standard normal via Box-Muller (one value per call keeps the stream simple). */
  double gaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Exponential with the given median. */
  double exponentialWithMedian(double median) {
    double u = 1.0 - nextDouble();
    return -Math.log(u) * median / Math.log(2.0);
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T pick(T... items) {
    return items[nextInt(items.length)];
  }

  <T> T pickWeighted(List<Weighted<T>> items) {
    double total = 0;
    for (Weighted<T> w : items) {
      total += w.weight();
    }
    double r = nextDouble() * total;
    for (Weighted<T> w : items) {
      r -= w.weight();
      if (r < 0) {
        return w.value();
      }
    }
    return items.get(items.size() - 1).value();
  }

  /** Index into a weight array. */
  int pickIndex(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
