package org.ccpfhir.identity.central;

import it.unimi.dsi.fastutil.ints.IntIterator;
import it.unimi.dsi.fastutil.ints.IntIterators;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.List;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;

/**
 * The central list's working set in memory: every control-number record by id, the person it
 * belongs to, and the LSH buckets over them. Rebuilt from the database at start; the database stays
 * the truth. Not thread-safe: the central list serialises linkage.
 */
final class LinkageIndex {

  /** The best stored record for a query. */
  record Best(int recordId, long personId, ControlNumberMatcher.Result result) {}

  private static final long REMOVED = -1;

  private final LshBlockingIndex lsh;
  private final ObjectArrayList<ControlNumbers> numbers = new ObjectArrayList<>();
  private final LongArrayList persons = new LongArrayList();
  private int size;

  LinkageIndex(LshBlockingIndex lsh) {
    this.lsh = lsh;
  }

  void add(int recordId, long personId, ControlNumbers record) {
    add(recordId, personId, record, lsh.keys(record));
  }

  /**
   * Rebuilds from stored records in batches: decoding and band keys (most of the work) in parallel,
   * the chains in id order.
   */
  void addAll(List<CentralListRepository.StoredRecord> rows) {
    List<Decoded> decoded =
        rows.parallelStream()
            .map(
                row -> {
                  ControlNumbers numbers = ControlNumbers.fromBase64(row.controlNumbers());
                  return new Decoded(row.id(), row.personId(), numbers, lsh.keys(numbers));
                })
            .toList();
    for (Decoded record : decoded) {
      add(record.id(), record.personId(), record.numbers(), record.keys());
    }
  }

  private record Decoded(int id, long personId, ControlNumbers numbers, long[] keys) {}

  private void add(int recordId, long personId, ControlNumbers record, long[] keys) {
    while (persons.size() <= recordId) {
      persons.add(REMOVED);
      numbers.add(null);
    }
    persons.set(recordId, personId);
    numbers.set(recordId, record);
    lsh.add(recordId, keys);
    size++;
  }

  int size() {
    return size;
  }

  /** The most similar live record among the blocking candidates, or null when there is none. */
  Best best(ControlNumbers query, ControlNumberMatcher matcher) {
    return best(query, matcher, lsh.candidates(query).iterator());
  }

  int candidateCount(ControlNumbers query) {
    return lsh.candidates(query).size();
  }

  /** The same without blocking: every record is compared (the benchmark's baseline). */
  Best bestWithoutBlocking(ControlNumbers query, ControlNumberMatcher matcher) {
    return best(query, matcher, IntIterators.fromTo(0, persons.size()));
  }

  /**
   * Ranks by score alone and classifies only the winner (the first of equal scores): the full
   * result with its per-field map is needed once per request, not once per candidate.
   */
  private Best best(ControlNumbers query, ControlNumberMatcher matcher, IntIterator ids) {
    double[] scratch = ControlNumberMatcher.scratch();
    int bestId = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    while (ids.hasNext()) {
      int id = ids.nextInt();
      if (persons.getLong(id) != REMOVED) {
        double score = matcher.score(query, numbers.get(id), scratch);
        if (score > bestScore) {
          bestScore = score;
          bestId = id;
        }
      }
    }
    return bestId < 0
        ? null
        : new Best(bestId, persons.getLong(bestId), matcher.compare(query, numbers.get(bestId)));
  }

  /** A link decision moved every record of {@code from} to {@code to}. */
  void movePerson(long from, long to) {
    for (int id = 0; id < persons.size(); id++) {
      if (persons.getLong(id) == from) {
        persons.set(id, to);
      }
    }
  }

  /** A split gave a live record back to its first person. */
  void assign(int recordId, long personId) {
    if (persons.getLong(recordId) != REMOVED) {
      persons.set(recordId, personId);
    }
  }

  /** Withdrawal: the records stay in the LSH buckets but are never returned again. */
  void remove(int recordId) {
    if (recordId < persons.size() && persons.getLong(recordId) != REMOVED) {
      persons.set(recordId, REMOVED);
      numbers.set(recordId, null);
      size--;
    }
  }
}
