package org.ccpfhir.mdssearch.count;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.ccpfhir.disclosure.RecordSample;
import org.ccpfhir.mdssearch.store.MdsAttributes;
import org.ccpfhir.mdssearch.store.PatientFacts;
import org.ccpfhir.mdssearch.store.PatientFactsExtractor;
import org.ccpfhir.mdssearch.store.StoredChange;
import org.ccpfhir.mdssearch.store.StoredFacts;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The in-memory bitmap indexes of the count engine: one compressed bitmap of patient ordinals per
 * attribute value ({@code Condition.code=C50.4}, {@code sex=female}, {@code site=HD}, ...), date
 * indexes for ranges, and repeat bitmaps ({@code Specimen.type=whole-blood#2}: patients with at
 * least two such samples) for counting samples. Readers run concurrently; a change of one patient
 * takes the write lock for microseconds. It also holds each record's secret key by ordinal, so a
 * cell's key (the sum of its members' keys) is computed alongside its count.
 */
public final class CountIndex {

  private static final String REPEAT = "#";

  private final NavigableMap<String, RoaringBitmap> tokens = new TreeMap<>();
  // the same bitmaps by exact key: constant-time lookups when loading and counting
  private final Map<String, RoaringBitmap> exact = new HashMap<>();
  private final Map<String, DateIndex> dates = new HashMap<>();
  private final RoaringBitmap all = new RoaringBitmap();
  private int[] keys = new int[1024];
  // the records in the record sample (RecordSample); unused when every record counts
  private final RoaringBitmap sampled = new RoaringBitmap();
  private final double samplingRate;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** An index in which every record counts in released numbers. */
  public CountIndex() {
    this(1);
  }

  /**
   * @param samplingRate the share of records that count in released numbers ({@link RecordSample});
   *     1 = all
   */
  public CountIndex(double samplingRate) {
    this.samplingRate = samplingRate;
  }

  public double samplingRate() {
    return samplingRate;
  }

  /** Adds a stored record (rebuild at start). */
  public void add(StoredFacts stored) {
    write(
        () -> {
          key(stored.ordinal(), stored.key());
          apply(stored.ordinal(), stored.site(), stored.facts(), true);
        });
  }

  /** Follows an upsert or delete of the store. */
  public void apply(StoredChange change) {
    write(
        () -> {
          if (change.previous() != null) {
            apply(change.ordinal(), change.site(), change.previous(), false);
            sampled.remove(change.ordinal());
          }
          if (change.current() != null) {
            key(change.ordinal(), change.key());
            apply(change.ordinal(), change.site(), change.current(), true);
          }
        });
  }

  /** Compresses runs after a bulk load. */
  public void optimize() {
    write(
        () -> {
          tokens.values().forEach(RoaringBitmap::runOptimize);
          dates.values().forEach(DateIndex::optimize);
          all.runOptimize();
        });
  }

  /** Runs a read under the read lock (one consistent state for a whole query). */
  public <T> T read(Supplier<T> reader) {
    lock.readLock().lock();
    try {
      return reader.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  // --- the following must run inside read(...)

  /** The cell of a set of patients: its count, its counted members and their cell key. */
  Cell cell(RoaringBitmap members) {
    int count = members.getCardinality();
    if (samplingRate >= 1) {
      return new Cell(count, keySum(members), count);
    }
    RoaringBitmap counted = RoaringBitmap.and(members, sampled);
    return new Cell(count, keySum(counted), counted.getCardinality());
  }

  /** The cell key of a set of patients: the sum of their record keys, modulo 2^32. */
  private int keySum(RoaringBitmap members) {
    int sum = 0;
    PeekableIntIterator it = members.getIntIterator();
    while (it.hasNext()) {
      sum += keys[it.next()];
    }
    return sum;
  }

  RoaringBitmap all() {
    return all;
  }

  RoaringBitmap token(String key, String value) {
    RoaringBitmap bitmap = exact.get(key + "=" + value);
    return bitmap == null ? new RoaringBitmap() : bitmap;
  }

  /** Union over the values starting with the prefix (ICD-10 {@code C50} for C50.0–C50.9). */
  RoaringBitmap tokenPrefix(String key, String prefix) {
    String from = key + "=" + prefix;
    List<RoaringBitmap> parts = new ArrayList<>();
    for (Map.Entry<String, RoaringBitmap> entry :
        tokens.subMap(from, true, from + Character.MAX_VALUE, false).entrySet()) {
      if (!entry.getKey().contains(REPEAT)) {
        parts.add(entry.getValue());
      }
    }
    return parts.isEmpty() ? new RoaringBitmap() : FastAggregation.or(parts.iterator());
  }

  /** Patients with at least n tokens {@code key=value} (n ≥ 1). */
  RoaringBitmap atLeast(String key, String value, int n) {
    return n == 1 ? token(key, value) : token(key, value + REPEAT + n);
  }

  /** The values of a key that occur, e.g. every sample type or site. */
  List<String> values(String key) {
    String from = key + "=";
    List<String> values = new ArrayList<>();
    for (String token : tokens.subMap(from, true, from + Character.MAX_VALUE, false).keySet()) {
      String value = token.substring(from.length());
      if (!value.contains(REPEAT) && !tokens.get(token).isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  RoaringBitmap dateRange(String key, LocalDate from, LocalDate to) {
    DateIndex index = dates.get(key);
    return index == null ? new RoaringBitmap() : index.range(from, to);
  }

  /** Bytes held by all bitmaps (the index's memory, without map overhead). */
  public long sizeInBytes() {
    return read(
        () -> {
          long bytes = all.getLongSizeInBytes();
          for (RoaringBitmap bitmap : tokens.values()) {
            bytes += bitmap.getLongSizeInBytes();
          }
          for (DateIndex index : dates.values()) {
            bytes += index.sizeInBytes();
          }
          return bytes;
        });
  }

  public int patients() {
    return read(all::getCardinality);
  }

  private void apply(int ordinal, String site, PatientFacts facts, boolean add) {
    Map<String, Integer> seen = new HashMap<>();
    change(MdsAttributes.SITE + "=" + site, ordinal, add);
    LocalDate birth = null;
    LocalDate firstDiagnosis = null;
    for (String token : facts.tokens()) {
      if (token.startsWith(PatientFacts.DATE_MARK)) {
        int eq = token.indexOf('=');
        String key = token.substring(1, eq);
        DateIndex index = dates.computeIfAbsent(key, k -> new DateIndex());
        LocalDate date = day(token, eq + 1);
        if (key.equals(MdsAttributes.BIRTH_DATE)) {
          birth = date;
        } else if (key.equals(MdsAttributes.CONDITION_ONSET)
            && (firstDiagnosis == null || date.isBefore(firstDiagnosis))) {
          firstDiagnosis = date;
        }
        if (add) {
          index.add(date, ordinal);
        } else {
          index.remove(date, ordinal);
        }
        continue;
      }
      int n = seen.merge(token, 1, Integer::sum);
      if (n == 1) {
        change(token, ordinal, add);
      } else if (counted(token)) {
        change(token + REPEAT + n, ordinal, add);
      }
    }
    if (birth != null && firstDiagnosis != null) {
      int years = PatientFactsExtractor.ageInYears(birth, firstDiagnosis);
      if (years >= 0) {
        change(MdsAttributes.AGE_YEARS + "=" + years, ordinal, add);
      }
    }
    if (add) {
      all.add(ordinal);
    } else {
      all.remove(ordinal);
    }
  }

  /** YYYY-MM-DD at the offset, without a formatter (rebuilds parse millions of dates). */
  private static LocalDate day(String token, int at) {
    return LocalDate.of(
        Integer.parseInt(token, at, at + 4, 10),
        Integer.parseInt(token, at + 5, at + 7, 10),
        Integer.parseInt(token, at + 8, at + 10, 10));
  }

  /** Tokens whose repeats are counted: samples (all, and per type). */
  private static boolean counted(String token) {
    return token.startsWith(MdsAttributes.SPECIMEN_TYPE + "=")
        || token.equals(MdsAttributes.HAS + "=Specimen");
  }

  private void change(String token, int ordinal, boolean add) {
    if (add) {
      RoaringBitmap bitmap = exact.get(token);
      if (bitmap == null) {
        bitmap = new RoaringBitmap();
        exact.put(token, bitmap);
        tokens.put(token, bitmap);
      }
      bitmap.add(ordinal);
    } else {
      RoaringBitmap bitmap = exact.get(token);
      if (bitmap != null) {
        bitmap.remove(ordinal);
      }
    }
  }

  private void key(int ordinal, int key) {
    if (ordinal >= keys.length) {
      keys = Arrays.copyOf(keys, Math.max(ordinal + 1, keys.length * 2));
    }
    keys[ordinal] = key;
    if (samplingRate < 1 && RecordSample.counts(key, samplingRate)) {
      sampled.add(ordinal);
    }
  }

  private void write(Runnable change) {
    lock.writeLock().lock();
    try {
      change.run();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
