package org.ccpfhir.bridgehead.export.anonymity;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A hierarchy given by its level labels and a function generalising a present value to a level
 * below the top; missing values and the top level are handled here once for all hierarchies.
 */
record LeveledHierarchy(String name, List<String> levels, BiFunction<String, Integer, String> below)
    implements Hierarchy {

  LeveledHierarchy {
    levels = List.copyOf(levels);
  }

  @Override
  public String generalise(String value, int level) {
    if (level < 0 || level > maxLevel()) {
      throw new IllegalArgumentException(name + " has no level " + level);
    }
    if (level == maxLevel()) {
      return SUPPRESSED;
    }
    if (value == null || value.isBlank()) {
      return UNKNOWN;
    }
    return level == 0 ? value : below.apply(value, level);
  }
}
