package org.ccpfhir.mdssearch.count;

import org.ccpfhir.disclosure.RecordSample;

/**
 * The true count of one cell and what the disclosure policy may use of it: the number of its
 * members in the record sample ({@link RecordSample}) and their cell key, the sum, modulo 2^32, of
 * their secret record keys (for samples: each patient's key once per sample). Sets of the same
 * patients have the same cell key however they were selected; members outside the record sample
 * change neither the counted number nor the key.
 *
 * @param count the true count (the floor and the release record)
 * @param key the cell key of the counted members (int arithmetic wraps modulo 2^32)
 * @param counted the members in the record sample (all of them when every record counts)
 */
public record Cell(int count, int key, int counted) {

  public static final Cell EMPTY = new Cell(0, 0, 0);

  /** A cell in which every member counts (no record sample). */
  public Cell(int count, int key) {
    this(count, key, count);
  }
}
