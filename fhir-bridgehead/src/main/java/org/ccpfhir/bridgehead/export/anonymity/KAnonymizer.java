package org.ccpfhir.bridgehead.export.anonymity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * k-anonymity by full-domain generalisation with record suppression (Samarati 2001; LeFevre et al.,
 * Incognito 2005): every quasi-identifier is generalised to one level of its {@link Hierarchy} for
 * all records, and records whose combination still occurs fewer than k times are suppressed, at
 * most {@code maxSuppression} of the cohort. Of all level combinations (the generalisation lattice)
 * that satisfy this, the one with the least information loss wins: lowest generalisation height
 * (Sweeney's precision loss: mean of level / top level), then lowest discernibility (suppressed
 * records count as a class of the whole cohort), then fewest suppressed records. Height comes first
 * because discernibility alone prefers dropping a whole attribute (no diagnosis date at all) to
 * coarsening several a little (diagnosis year and 10-year age bands), which leaves a study less.
 *
 * <p>The lattice of the export is small (at most 5·2·5·5·5 = 1,250 nodes), so every node is
 * evaluated rather than pruned as Flash/OLA do: the optimum under the combined order is exact.
 * Evaluating a node is linear in the cohort size (20,000 records: about 4 s for the lattice).
 */
public final class KAnonymizer {

  private final int k;
  private final double maxSuppression;

  /**
   * @param k every combination of quasi-identifiers in the output occurs at least k times (≥ 1)
   * @param maxSuppression share of the cohort that may be suppressed, 0 to 1
   */
  public KAnonymizer(int k, double maxSuppression) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1");
    }
    if (maxSuppression < 0 || maxSuppression > 1) {
      throw new IllegalArgumentException("the suppression limit must be between 0 and 1");
    }
    this.k = k;
    this.maxSuppression = maxSuppression;
  }

  /**
   * @param hierarchies the quasi-identifiers
   * @param rows one array per record, one value per quasi-identifier (null = no value)
   * @throws CohortTooSmallException when there are fewer than k records
   */
  public Anonymization anonymise(List<Hierarchy> hierarchies, List<String[]> rows) {
    int n = rows.size();
    if (n < k) {
      throw new CohortTooSmallException(n, k);
    }
    int[][][] codes = encode(hierarchies, rows);
    int allowed = (int) Math.floor(maxSuppression * n);
    Node best = null;
    PairIds pairs = new PairIds(n);
    int[] levels = new int[hierarchies.size()];
    do {
      Node node = evaluate(levels.clone(), codes, hierarchies, n, pairs);
      if (node.suppressed <= allowed && node.betterThan(best)) {
        best = node;
      }
    } while (next(levels, hierarchies));
    // the top node (everything suppressed) is one class of n ≥ k records, so best is never null
    return result(best, hierarchies, rows, n);
  }

  /** codes[q][level][row]: the generalised value as a small integer, equal values equal codes. */
  private static int[][][] encode(List<Hierarchy> hierarchies, List<String[]> rows) {
    int[][][] codes = new int[hierarchies.size()][][];
    for (int q = 0; q < hierarchies.size(); q++) {
      Hierarchy hierarchy = hierarchies.get(q);
      codes[q] = new int[hierarchy.maxLevel() + 1][rows.size()];
      for (int level = 0; level <= hierarchy.maxLevel(); level++) {
        Map<String, Integer> dictionary = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
          String value = hierarchy.generalise(rows.get(row)[q], level);
          codes[q][level][row] = dictionary.computeIfAbsent(value, v -> dictionary.size());
        }
      }
    }
    return codes;
  }

  /** Odometer step through the lattice; false after the top node. */
  private static boolean next(int[] levels, List<Hierarchy> hierarchies) {
    for (int q = 0; q < levels.length; q++) {
      if (levels[q] < hierarchies.get(q).maxLevel()) {
        levels[q]++;
        return true;
      }
      levels[q] = 0;
    }
    return false;
  }

  private Node evaluate(
      int[] levels, int[][][] codes, List<Hierarchy> hierarchies, int n, PairIds pairs) {
    int[] classOf = new int[n];
    int classes = 1;
    for (int q = 0; q < levels.length; q++) {
      int[] column = codes[q][levels[q]];
      pairs.clear();
      for (int row = 0; row < n; row++) {
        classOf[row] = pairs.idOf(classOf[row], column[row]);
      }
      classes = pairs.size();
    }
    int[] sizes = new int[classes];
    for (int id : classOf) {
      sizes[id]++;
    }
    int suppressed = 0;
    long discernibility = 0;
    for (int size : sizes) {
      if (size < k) {
        suppressed += size;
        discernibility += (long) size * n;
      } else {
        discernibility += (long) size * size;
      }
    }
    double height = 0;
    for (int q = 0; q < levels.length; q++) {
      height += (double) levels[q] / hierarchies.get(q).maxLevel();
    }
    height = levels.length == 0 ? 0 : height / levels.length;
    return new Node(levels, classOf, sizes, suppressed, discernibility, height);
  }

  private Anonymization result(Node best, List<Hierarchy> hierarchies, List<String[]> rows, int n) {
    List<Integer> kept = new ArrayList<>();
    List<String[]> values = new ArrayList<>();
    int classes = 0;
    int smallest = Integer.MAX_VALUE;
    for (int size : best.sizes) {
      if (size >= k) {
        classes++;
        smallest = Math.min(smallest, size);
      }
    }
    for (int row = 0; row < n; row++) {
      if (best.sizes[best.classOf[row]] >= k) {
        kept.add(row);
        String[] generalised = new String[hierarchies.size()];
        for (int q = 0; q < generalised.length; q++) {
          generalised[q] = hierarchies.get(q).generalise(rows.get(row)[q], best.levels[q]);
        }
        values.add(generalised);
      }
    }
    InformationLoss loss =
        new InformationLoss(
            best.height,
            best.discernibility,
            classes == 0 ? 0 : (double) kept.size() / ((double) classes * k),
            (double) best.suppressed / n,
            classes,
            classes == 0 ? 0 : smallest);
    return new Anonymization(
        List.copyOf(hierarchies),
        best.levels,
        kept.stream().mapToInt(Integer::intValue).toArray(),
        values,
        best.suppressed,
        loss);
  }

  private record Node(
      int[] levels,
      int[] classOf,
      int[] sizes,
      int suppressed,
      long discernibility,
      double height) {

    boolean betterThan(Node other) {
      if (other == null) {
        return true;
      }
      if (height != other.height) {
        return height < other.height;
      }
      if (discernibility != other.discernibility) {
        return discernibility < other.discernibility;
      }
      return suppressed < other.suppressed;
    }
  }
}
