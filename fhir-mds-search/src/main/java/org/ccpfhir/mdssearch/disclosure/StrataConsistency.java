package org.ccpfhir.mdssearch.disclosure;

import java.util.List;
import java.util.Map;

/**
 * Makes released strata agree with the released total, by post-processing released values only
 * (nothing true enters): for every stratification, the numbers shown sum to at most the total, and
 * the total exceeds that sum by no more than the floored cells can hold ({@code floor - 1} each).
 * The largest cell absorbs the difference in steps of the rounding; if that is not enough the total
 * moves into the interval every stratification allows.
 */
final class StrataConsistency {

  private static final int MAX_STEPS = 10_000;

  private StrataConsistency() {}

  static Released reconcile(
      Released total, List<ReleasedCounts.Stratification> strata, DisclosureProperties policy) {
    if (total.belowFloor() || total.value() == 0) {
      return total; // every stratum is then 0 or below the floor as well
    }
    int step = policy.rounding();
    int hidden = policy.floor() - 1;
    int minimum = (policy.floor() + step - 1) / step * step;
    for (ReleasedCounts.Stratification stratification : strata) {
      Map<List<String>, Released> cells = stratification.cells();
      for (int i = 0; i < MAX_STEPS; i++) {
        int shown = shown(cells);
        int floored = floored(cells);
        List<String> largest = largest(cells);
        if (largest == null) {
          break;
        }
        Released cell = cells.get(largest);
        if (shown > total.value() && cell.value() - step >= minimum) {
          cells.put(largest, cell.withValue(cell.value() - step));
        } else if (shown + hidden * floored < total.value()) {
          cells.put(largest, cell.withValue(cell.value() + step));
        } else {
          break;
        }
      }
    }
    int low = 0;
    int high = Integer.MAX_VALUE;
    for (ReleasedCounts.Stratification stratification : strata) {
      low = Math.max(low, shown(stratification.cells()));
      high =
          Math.min(high, shown(stratification.cells()) + hidden * floored(stratification.cells()));
    }
    if (strata.isEmpty() || low > high) {
      return total;
    }
    int value = total.value();
    if (value < low) {
      value = low;
    } else if (value > high) {
      value = Math.max(low, high / step * step);
    }
    return total.withValue(Math.max(value, minimum));
  }

  private static int shown(Map<List<String>, Released> cells) {
    return cells.values().stream().filter(c -> !c.belowFloor()).mapToInt(Released::value).sum();
  }

  private static int floored(Map<List<String>, Released> cells) {
    return (int) cells.values().stream().filter(Released::belowFloor).count();
  }

  private static List<String> largest(Map<List<String>, Released> cells) {
    List<String> best = null;
    int bestValue = 0;
    for (Map.Entry<List<String>, Released> entry : cells.entrySet()) {
      Released cell = entry.getValue();
      if (!cell.belowFloor() && cell.value() > bestValue) {
        best = entry.getKey();
        bestValue = cell.value();
      }
    }
    return best;
  }
}
