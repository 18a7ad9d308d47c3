package org.ccpfhir.identity.controlnumber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ccpfhir.identity.local.IdatField;

/**
 * Blocking for the central patient list: MinHash locality-sensitive hashing over a record-level set
 * of bits (the union of the first-, last- and former-name filters — so exchanged names and
 * marriages meet — and the birth-year filter). Each of {@code bands} bands combines {@code
 * rowsPerBand} MinHash values; records agreeing on a whole band are candidates. A pair with Jaccard
 * similarity J becomes a candidate with probability {@code 1 - (1 - J^rows)^bands}, so corrupted
 * copies (J ≈ 0.6–0.9) almost always meet while unrelated records (J ≈ 0.15) rarely do; a lookup
 * costs the bucket sizes, not the size of the list.
 */
public final class LshBlockingIndex {

  private static final long PRIME = 2_147_483_647L;

  private final long[][] multipliers;
  private final long[][] offsets;
  private final List<Map<Long, List<Long>>> buckets = new ArrayList<>();

  /**
   * @param bands number of bands (more: higher recall, more candidates)
   * @param rowsPerBand MinHash values per band (more: fewer, closer candidates)
   * @param seed fixes the hash functions (the same on every node of the list)
   */
  public LshBlockingIndex(int bands, int rowsPerBand, long seed) {
    Random random = new Random(seed);
    multipliers = new long[bands][rowsPerBand];
    offsets = new long[bands][rowsPerBand];
    for (int band = 0; band < bands; band++) {
      for (int row = 0; row < rowsPerBand; row++) {
        multipliers[band][row] = 1 + random.nextInt(Integer.MAX_VALUE - 1);
        offsets[band][row] = random.nextInt(Integer.MAX_VALUE);
      }
      buckets.add(new HashMap<>());
    }
  }

  public synchronized void add(long id, ControlNumbers numbers) {
    int[] bits = recordBits(numbers);
    for (int band = 0; band < buckets.size(); band++) {
      buckets.get(band).computeIfAbsent(key(bits, band), k -> new ArrayList<>()).add(id);
    }
  }

  public synchronized Set<Long> candidates(ControlNumbers numbers) {
    int[] bits = recordBits(numbers);
    Set<Long> found = new HashSet<>();
    for (int band = 0; band < buckets.size(); band++) {
      List<Long> ids = buckets.get(band).get(key(bits, band));
      if (ids != null) {
        found.addAll(ids);
      }
    }
    return found;
  }

  private long key(int[] bits, int band) {
    long key = 17;
    for (int row = 0; row < multipliers[band].length; row++) {
      long min = Long.MAX_VALUE;
      for (int bit : bits) {
        min = Math.min(min, (multipliers[band][row] * bit + offsets[band][row]) % PRIME);
      }
      key = key * 1_000_003L + min;
    }
    return key;
  }

  /** Set positions of the union of the name filters, then of the birth-year filter. */
  static int[] recordBits(ControlNumbers numbers) {
    int nameBits = ControlNumberEncoder.NAME_BITS / 2;
    long[] first = numbers.filters().get(IdatField.FIRST_NAME.name());
    long[] last = numbers.filters().get(IdatField.LAST_NAME.name());
    long[] year = numbers.filters().get(IdatField.BIRTH_YEAR.name());
    List<long[]> names = new ArrayList<>();
    numbers
        .filters()
        .forEach(
            (field, filter) -> {
              if (field.startsWith(ControlNumberEncoder.FORMER)) {
                names.add(filter);
              }
            });
    if (first != null) {
      names.add(first);
    }
    if (last != null) {
      names.add(last);
    }
    List<Integer> set = new ArrayList<>();
    for (int i = 0; i < nameBits; i++) {
      for (long[] name : names) {
        if (KeyedBloomFilter.get(name, i)) {
          set.add(i);
          break;
        }
      }
    }
    for (int i = 0; year != null && i < ControlNumberEncoder.SMALL_BITS / 2; i++) {
      if (KeyedBloomFilter.get(year, i)) {
        set.add(nameBits + i);
      }
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }
}
