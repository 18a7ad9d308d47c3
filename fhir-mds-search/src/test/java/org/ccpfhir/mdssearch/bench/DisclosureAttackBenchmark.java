package org.ccpfhir.mdssearch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ccpfhir.disclosure.RecordSample;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;

/**
 * The tracker attack at scale against the cell-key policy (issue 17, bench/disclosure.sh): how well
 * does an attacker who spends P pairs of released cells guess (a) whether one person is in a set
 * (membership: a yes/no fact about her) and (b) the exact true count 0–9 of a "&lt;10" cell — per
 * sampling rate of the record sample, up to a full weekly budget (50,000 pairs = 100,000 cells)?
 *
 * <p>Each pair is a tracker set T (a different set each time: size 20–5,000) released once with and
 * once without the targeted person or cell; the attacker averages the differences (the best
 * unbiased estimate) and knows the policy's parameters, the sampling rate included. Asking the same
 * set again, in any wording, returns the same value (that is what {@code DisclosureAttackIT} shows
 * on the server), so only different sets help. A set's cell key is the sum of its counted members'
 * secret keys: uniform for any non-empty set, which is what this simulation draws; the target's own
 * key (and count) is added only when she is in the record sample ({@link RecordSample}, decided by
 * her key as on the server). The attacker is given as many different trackers as she wants — an
 * upper bound on what real data allows. A second table prints what the rate costs researchers: the
 * released value's error for true counts 20 … 10,000.
 */
public final class DisclosureAttackBenchmark {

  private DisclosureAttackBenchmark() {}

  public static void main(String[] args) {
    int targets = 1000;
    long seed = 42;
    List<Integer> pairs = new ArrayList<>(List.of(1, 10, 100, 1000, 10_000, 50_000));
    List<Double> rates = new ArrayList<>(List.of(1.0, 0.5, 0.1, 0.05));
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--targets" -> targets = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--pairs" -> {
          pairs.clear();
          Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).forEach(pairs::add);
        }
        case "--rates" -> {
          rates.clear();
          Arrays.stream(args[i + 1].split(",")).map(Double::parseDouble).forEach(rates::add);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long start = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "cell-key policy: floor 10, rounding 10, perturbation -2..+2 (1,2,4,2,1 tenths); weekly"
            + " budget 100,000 cells = 50,000 pairs; %d targets per row; seed %d; load %.1f%n",
        targets,
        seed,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "rate | pairs | cells spent | membership accuracy (chance 50%, target <= 55%)"
            + " | exact <10 value (chance 10%, target <= 15%) | certain <10 recoveries");
    long cells = 0;
    for (double rate : rates) {
      DisclosurePolicy policy = new DisclosurePolicy(properties(rate));
      for (int p : pairs) {
        SplittableRandom random = new SplittableRandom(seed + p + Double.hashCode(rate));
        int members = 0;
        int exact = 0;
        int certain = 0;
        for (int t = 0; t < targets; t++) {
          // (a) membership: is the person (key x) in the set?
          boolean in = random.nextBoolean();
          int x = random.nextInt();
          boolean counts = RecordSample.counts(x, rate);
          double mean = 0;
          if (in && counts) { // otherwise both sets release the same value: every difference is 0
            double sum = 0;
            for (int i = 0; i < p; i++) {
              Cell tracker = tracker(random, rate);
              Cell with = new Cell(tracker.count() + 1, tracker.key() + x, tracker.counted() + 1);
              sum += value(policy.patients(with)) - value(policy.patients(tracker));
            }
            mean = sum / p;
          }
          members += (mean > 0.5 / rate) == in ? 1 : 0;
          // (b) a suppressed cell of c = 0..9 patients: only its counted members move the value
          int c = random.nextInt(10);
          int cellKey = 0;
          int counted = 0;
          for (int m = 0; m < c; m++) {
            int key = random.nextInt();
            if (RecordSample.counts(key, rate)) {
              cellKey += key;
              counted++;
            }
          }
          double total = 0;
          if (counted > 0) {
            for (int i = 0; i < p; i++) {
              Cell tracker = tracker(random, rate);
              Cell with =
                  new Cell(
                      tracker.count() + c, tracker.key() + cellKey, tracker.counted() + counted);
              total += value(policy.patients(with)) - value(policy.patients(tracker));
            }
          }
          int seen = (int) Math.max(0, Math.min(9, Math.round(total / p * rate)));
          int guess = mostLikely(seen, rate);
          exact += guess == c ? 1 : 0;
          // certain: only one true value is possible given what was seen (and it is right)
          certain += guess == c && possible(seen, rate) == 1 ? 1 : 0;
          cells += 2L * p * (in && counts ? 1 : 0) + (counted > 0 ? 2L * p : 0);
        }
        System.out.printf(
            Locale.ROOT,
            "%4.2f | %6d | %11d | %47.1f%% | %43.1f%% | %d of %d%n",
            rate,
            p,
            2L * p,
            100.0 * members / targets,
            100.0 * exact / targets,
            certain,
            targets);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "released cells simulated: %,d in %.1f s%n",
        cells,
        (System.nanoTime() - start) / 1e9);
    utility(rates, seed);
  }

  /** What the rate costs: |released − true| for true counts 20 … 10,000 (median, p95). */
  private static void utility(List<Double> rates, long seed) {
    System.out.println("rate | true count | median abs error | p95 abs error | relative p95");
    for (double rate : rates) {
      DisclosurePolicy policy = new DisclosurePolicy(properties(rate));
      SplittableRandom random = new SplittableRandom(seed);
      for (int n : new int[] {20, 100, 1000, 10_000}) {
        int runs = 2000;
        double[] errors = new double[runs];
        for (int r = 0; r < runs; r++) {
          int counted = 0;
          int key = 0;
          for (int m = 0; m < n; m++) {
            int k = random.nextInt();
            if (RecordSample.counts(k, rate)) {
              counted++;
              key += k;
            }
          }
          errors[r] = Math.abs(value(policy.patients(new Cell(n, key, counted))) - n);
        }
        Arrays.sort(errors);
        double p95 = errors[(int) (runs * 0.95)];
        System.out.printf(
            Locale.ROOT,
            "%4.2f | %10d | %16.0f | %13.0f | %11.1f%%%n",
            rate,
            n,
            errors[runs / 2],
            p95,
            100.0 * p95 / n);
      }
    }
  }

  private static DisclosureProperties properties(double rate) {
    return new DisclosureProperties(
        10, 10, 10_000, 100_000, rate, new DisclosureProperties.Limits(100, 10, 4, 10_000));
  }

  // a different tracker set each time: 20–5,000 patients, its counted part drawn at the rate
  private static Cell tracker(SplittableRandom random, double rate) {
    int n = 20 + random.nextInt(4981);
    int counted = n;
    if (rate < 1) {
      double sd = Math.sqrt(n * rate * (1 - rate));
      counted = (int) Math.max(0, Math.min(n, Math.round(n * rate + gaussian(random) * sd)));
    }
    return new Cell(n, random.nextInt(), counted);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The most likely true count 0–9 (uniform prior) when {@code seen} of its members counted. */
  private static int mostLikely(int seen, double rate) {
    int best = seen;
    double bestLikelihood = -1;
    for (int c = seen; c <= 9; c++) {
      double likelihood = likelihood(seen, c, rate);
      if (likelihood > bestLikelihood) {
        bestLikelihood = likelihood;
        best = c;
      }
    }
    return best;
  }

  private static int possible(int seen, double rate) {
    int n = 0;
    for (int c = seen; c <= 9; c++) {
      n += likelihood(seen, c, rate) > 0 ? 1 : 0;
    }
    return n;
  }

  // P(seen of c members counted) at the rate: binomial
  private static double likelihood(int seen, int c, double rate) {
    double binomial = 1;
    for (int i = 0; i < seen; i++) {
      binomial = binomial * (c - i) / (i + 1);
    }
    return binomial * Math.pow(rate, seen) * Math.pow(1 - rate, c - seen);
  }

  // the attacker reads "<10" as 5, the middle of what it may hide
  private static int value(Released released) {
    return released.belowFloor() ? 5 : released.value();
  }
}
