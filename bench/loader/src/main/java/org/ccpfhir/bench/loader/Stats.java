package org.ccpfhir.bench.loader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles. */
public final class Stats {

  private Stats() {}

  /** Median of the values (mean of the middle two for an even count); 0 when empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** Nearest-rank percentile (0 when empty). */
  public static long percentile(List<Long> values, int percent) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
