package org.ccpfhir.mdssearch.count;

/**
 * The true count of one cell and its cell key: the sum, modulo 2^32, of the secret record keys of
 * the patients it counts (for samples: each patient's key once per sample). Sets of the same
 * patients have the same cell key however they were selected.
 *
 * @param count the true count
 * @param key the cell key (int arithmetic wraps modulo 2^32)
 */
public record Cell(int count, int key) {

  public static final Cell EMPTY = new Cell(0, 0);
}
