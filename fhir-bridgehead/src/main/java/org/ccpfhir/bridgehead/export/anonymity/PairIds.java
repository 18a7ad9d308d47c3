package org.ccpfhir.bridgehead.export.anonymity;

/**
 * Dense ids for pairs (class id, value code) while refining a partition: an open-addressing hash
 * table of primitive longs, reused for every refinement step of every lattice node (a generation
 * stamp clears it in O(1)), because boxing a map entry per record and step dominated the search.
 */
final class PairIds {

  private final long[] keys;
  private final int[] ids;
  private final int[] stamps;
  private final int mask;
  private int stamp;
  private int size;

  /** For at most {@code pairs} distinct pairs per refinement (load factor ≤ 0.5). */
  PairIds(int pairs) {
    int capacity = Integer.highestOneBit(Math.max(2, pairs) * 2 - 1) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
    stamps = new int[capacity];
    mask = capacity - 1;
  }

  void clear() {
    stamp++;
    size = 0;
  }

  int size() {
    return size;
  }

  int idOf(int classId, int code) {
    long key = ((long) classId << 32) | (code & 0xffffffffL);
    int slot = mix(key) & mask;
    while (stamps[slot] == stamp) {
      if (keys[slot] == key) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = stamp;
    keys[slot] = key;
    ids[slot] = size;
    return size++;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
