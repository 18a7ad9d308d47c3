package org.ccpfhir.bridgehead.export.anonymity;

import java.util.List;

/**
 * The generalisation hierarchy of one quasi-identifier: level 0 is the value as stored, each level
 * coarser than the one below, and {@link #maxLevel()} suppresses the attribute ({@value
 * #SUPPRESSED} for every record). A generalised value depends only on the original value and the
 * level, so records equal at one level stay equal at every higher level (full-domain
 * generalisation).
 */
public interface Hierarchy {

  /** Shown for an attribute at its top level. */
  String SUPPRESSED = "*";

  /** Shown below the top level when the record has no value. */
  String UNKNOWN = "unknown";

  /** The column name. */
  String name();

  /** Labels of the levels, from the original (index 0) to suppressed (last). */
  List<String> levels();

  /** {@code value} (may be null: no value) generalised to {@code level}. */
  String generalise(String value, int level);

  default int maxLevel() {
    return levels().size() - 1;
  }
}
