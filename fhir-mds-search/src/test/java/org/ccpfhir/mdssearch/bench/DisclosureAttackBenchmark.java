package org.ccpfhir.mdssearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.mdssearch.disclosure.Released;

/**
 * The tracker attack at scale against the cell-key policy (issue 17, bench/disclosure.sh): how well
 * does an attacker who spends P pairs of released cells guess (a) whether one person is in a set
 * (membership: a yes/no fact about her) and (b) the exact true count 0–9 of a "&lt;10" cell?
 *
 * <p>Each pair is a tracker set T (a different set each time: size 20–5,000) released once with and
 * once without the targeted person or cell; the attacker averages the differences (the best
 * unbiased estimate). Asking the same set again, in any wording, returns the same value (that is
 * what {@code DisclosureAttackIT} shows on the server), so only different sets help. The cell key
 * of a set is the sum of its members' secret keys: uniform for any non-empty set, which is what
 * this simulation draws; the target's own key is added when she is counted. The attacker is given
 * as many different trackers as she wants — an upper bound on what real data allows.
 */
public final class DisclosureAttackBenchmark {

  private DisclosureAttackBenchmark() {}

  public static void main(String[] args) {
    int targets = 1000;
    long seed = 42;
    List<Integer> pairs = new ArrayList<>(List.of(1, 5, 10, 25, 50, 100, 250, 1000, 5000));
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--targets" -> targets = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--pairs" -> {
          pairs.clear();
          for (String p : args[i + 1].split(",")) {
            pairs.add(Integer.parseInt(p));
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    DisclosureProperties properties =
        new DisclosureProperties(
            10, 10, 10_000, 100_000, new DisclosureProperties.Limits(100, 10, 4, 10_000));
    DisclosurePolicy policy = new DisclosurePolicy(properties);
    System.out.printf(
        Locale.ROOT,
        "cell-key policy: floor %d, rounding %d, perturbation -2..+2 (1,2,4,2,1 tenths); %d targets"
            + " per row; seed %d%n",
        properties.floor(),
        properties.rounding(),
        targets,
        seed);
    System.out.println(
        "pairs | cells spent per target | membership accuracy (chance 50%)"
            + " | exact <10 recovery (chance 10%)");
    long queries = 0;
    for (int p : pairs) {
      SplittableRandom random = new SplittableRandom(seed + p);
      int members = 0;
      int exact = 0;
      for (int t = 0; t < targets; t++) {
        // (a) membership: is the person (key x) in the set?
        boolean in = random.nextBoolean();
        int x = random.nextInt();
        double sum = 0;
        for (int i = 0; i < p; i++) {
          Cell tracker = new Cell(20 + random.nextInt(4981), random.nextInt());
          Cell with = in ? new Cell(tracker.count() + 1, tracker.key() + x) : tracker;
          sum += value(policy.patients(with)) - value(policy.patients(tracker));
        }
        members += (sum / p > 0.5) == in ? 1 : 0;
        // (b) a suppressed cell of c = 0..9 patients (key: the sum of theirs)
        int c = random.nextInt(10);
        int cellKey = 0;
        for (int m = 0; m < c; m++) {
          cellKey += random.nextInt();
        }
        double total = 0;
        for (int i = 0; i < p; i++) {
          Cell tracker = new Cell(20 + random.nextInt(4981), random.nextInt());
          Cell with = new Cell(tracker.count() + c, tracker.key() + cellKey);
          total += value(policy.patients(with)) - value(policy.patients(tracker));
        }
        long estimate = Math.max(0, Math.min(9, Math.round(total / p)));
        exact += estimate == c ? 1 : 0;
        queries += 4L * p;
      }
      System.out.printf(
          Locale.ROOT,
          "%5d | %22d | %31.1f%% | %30.1f%%%n",
          p,
          2L * p,
          100.0 * members / targets,
          100.0 * exact / targets);
    }
    System.out.printf(Locale.ROOT, "released cells simulated: %,d%n", queries);
  }

  // the attacker reads "<10" as 5, the middle of what it may hide
  private static int value(Released released) {
    return released.belowFloor() ? 5 : released.value();
  }
}
