package org.ccpfhir.identity.controlnumber;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import java.util.Random;
import org.ccpfhir.identity.idat.IdatField;

/**
 * Blocking for the central patient list: MinHash locality-sensitive hashing over a record-level set
 * of bits (the union of the first-, last- and former-name filters — so exchanged names and
 * marriages meet — and the birth-year filter). Each of {@code bands} bands combines {@code
 * rowsPerBand} MinHash values; records agreeing on a whole band are candidates. A pair with Jaccard
 * similarity J becomes a candidate with probability {@code 1 - (1 - J^rows)^bands}, so corrupted
 * copies (J ≈ 0.6–0.9) almost always meet while unrelated records (J ≈ 0.15) rarely do; a lookup
 * costs the bucket sizes, not the size of the list.
 *
 * <p>Then three exact passes (issue 21): records whose filters are equal on the whole birth date
 * (the query also looks up its date with day and month exchanged), on first name, month and year,
 * or on first name, day and month are candidates too. The name bands miss copies whose last name
 * changed without a record (the set then shares only the first name and the year, J ≈ 0.3) and
 * copies with a name error plus a wrong day or year digit; these passes still bring them to the
 * matcher. A full date is shared by about one in 30,000 people, the first-name passes by fewer, so
 * they add few candidates. (The first name + day + month pass once brought a false match, Justine
 * Dertmann 1938 / Justine Hamann 1983: the matcher now never links a disagreeing name with a date
 * that is off automatically. A day + month + sex pass found half the remaining never-compared
 * copies at 10,000 people but sent 1.5 % of new people to review and adds ~1,400 candidates per
 * lookup at a million: left out.)
 *
 * <p>Buckets are chains through primitive arrays (a head per bucket key, a next pointer per record
 * and band), about 42 × 16 bytes per record, so a million records fit in well under a gigabyte.
 */
public final class LshBlockingIndex {

  private static final int END = -1;

  /** Key of a record lacking a field of an exact pass: it is not put into that pass's bucket. */
  private static final long NO_KEY = Long.MIN_VALUE;

  /**
   * The exact passes after the MinHash bands; the first (the full date) is also looked up swapped.
   * Changing them changes the bucket keys: the index is rebuilt from the database at every start.
   */
  private static final IdatField[][] EXACT_PASSES = {
    {IdatField.BIRTH_DAY, IdatField.BIRTH_MONTH, IdatField.BIRTH_YEAR},
    {IdatField.FIRST_NAME, IdatField.BIRTH_MONTH, IdatField.BIRTH_YEAR},
    {IdatField.FIRST_NAME, IdatField.BIRTH_DAY, IdatField.BIRTH_MONTH}
  };

  private final long[][] multipliers;
  private final long[][] offsets;
  private final Long2IntOpenHashMap[] heads;
  private final IntArrayList[] next;

  /**
   * @param bands number of bands (more: higher recall, more candidates)
   * @param rowsPerBand MinHash values per band (more: fewer, closer candidates)
   * @param seed fixes the hash functions (the same on every node of the list)
   */
  public LshBlockingIndex(int bands, int rowsPerBand, long seed) {
    Random random = new Random(seed);
    multipliers = new long[bands][rowsPerBand];
    offsets = new long[bands][rowsPerBand];
    // the MinHash bands, then the exact passes
    heads = new Long2IntOpenHashMap[bands + EXACT_PASSES.length];
    next = new IntArrayList[bands + EXACT_PASSES.length];
    for (int band = 0; band < heads.length; band++) {
      for (int row = 0; band < bands && row < rowsPerBand; row++) {
        multipliers[band][row] = random.nextLong() | 1;
        offsets[band][row] = random.nextLong();
      }
      heads[band] = new Long2IntOpenHashMap();
      heads[band].defaultReturnValue(END);
      next[band] = new IntArrayList();
    }
  }

  /** Adds a record under a dense, non-negative id (ids are array positions). */
  public void add(int id, ControlNumbers numbers) {
    add(id, keys(numbers));
  }

  /**
   * Adds a record by its band keys, computed beforehand with {@link #keys} (which is thread-safe: a
   * start-up rebuild computes them in parallel and adds them in order).
   */
  public synchronized void add(int id, long[] keys) {
    for (int band = 0; band < heads.length; band++) {
      if (keys[band] == NO_KEY) {
        continue;
      }
      IntArrayList chain = next[band];
      if (chain.size() <= id) {
        chain.size(Math.max(id + 1, chain.size() * 3 / 2));
      }
      chain.set(id, heads[band].put(keys[band], id));
    }
  }

  /** Ids of records sharing at least one band with {@code numbers}. */
  public synchronized IntSet candidates(ControlNumbers numbers) {
    long[] keys = keys(numbers);
    IntSet found = new IntOpenHashSet();
    for (int band = 0; band < heads.length; band++) {
      collect(band, keys[band], found);
    }
    collect(multipliers.length, exactKey(numbers, EXACT_PASSES[0], true), found);
    return found;
  }

  private void collect(int band, long key, IntSet found) {
    if (key == NO_KEY) {
      return;
    }
    for (int id = heads[band].get(key); id != END; id = next[band].getInt(id)) {
      found.add(id);
    }
  }

  /** The record's key in every band. */
  public long[] keys(ControlNumbers numbers) {
    int[] bits = recordBits(numbers);
    long[] keys = new long[heads.length];
    for (int pass = 0; pass < EXACT_PASSES.length; pass++) {
      keys[multipliers.length + pass] = exactKey(numbers, EXACT_PASSES[pass], false);
    }
    for (int band = 0; band < multipliers.length; band++) {
      long key = 17;
      for (int row = 0; row < multipliers[band].length; row++) {
        long min = Long.MAX_VALUE;
        long a = multipliers[band][row];
        long b = offsets[band][row];
        for (int bit : bits) {
          // multiply-shift (Dietzfelbinger): a universal hash without a division per bit
          min = Math.min(min, (a * bit + b) >>> 32);
        }
        key = key * 1_000_003L + min;
      }
      keys[band] = key;
    }
    return keys;
  }

  /**
   * An exact pass's bucket key (its fields' filters hashed), day and month exchanged when {@code
   * swapped}; {@link #NO_KEY} when a field is missing.
   */
  static long exactKey(ControlNumbers numbers, IdatField[] fields, boolean swapped) {
    long key = fields.length;
    for (IdatField field : fields) {
      IdatField taken = field;
      if (swapped && field == IdatField.BIRTH_DAY) {
        taken = IdatField.BIRTH_MONTH;
      } else if (swapped && field == IdatField.BIRTH_MONTH) {
        taken = IdatField.BIRTH_DAY;
      }
      long[] filter = numbers.filter(taken);
      if (filter == null) {
        return NO_KEY;
      }
      key = (key * 31 + Arrays.hashCode(filter)) * 0x9E3779B97F4A7C15L;
    }
    return key == NO_KEY ? NO_KEY + 1 : key;
  }

  /** Set positions of the union of the name filters, then of the birth-year filter. */
  static int[] recordBits(ControlNumbers numbers) {
    long[] union = new long[0];
    for (IdatField name : new IdatField[] {IdatField.FIRST_NAME, IdatField.LAST_NAME}) {
      union = or(union, numbers.filter(name));
    }
    for (int i = 0; i < numbers.formerCount(); i++) {
      union = or(union, numbers.former(i));
    }
    long[] year = numbers.filter(IdatField.BIRTH_YEAR);
    if (year == null) {
      year = new long[0];
    }
    int[] bits = new int[KeyedBloomFilter.ones(union) + KeyedBloomFilter.ones(year)];
    int n = 0;
    for (int i = 0; i < union.length * 64; i++) {
      if (KeyedBloomFilter.get(union, i)) {
        bits[n++] = i;
      }
    }
    for (int i = 0; i < year.length * 64; i++) {
      if (KeyedBloomFilter.get(year, i)) {
        bits[n++] = union.length * 64 + i;
      }
    }
    return bits;
  }

  private static long[] or(long[] union, long[] filter) {
    if (filter == null) {
      return union;
    }
    long[] result = Arrays.copyOf(union, Math.max(union.length, filter.length));
    for (int i = 0; i < filter.length; i++) {
      result[i] |= filter[i];
    }
    return result;
  }
}
