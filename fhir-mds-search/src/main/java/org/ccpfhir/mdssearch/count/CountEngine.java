package org.ccpfhir.mdssearch.count;

import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ccpfhir.mdssearch.store.MdsAttributes;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates count criteria on the bitmap indexes: each search expression is an intersection of
 * per-parameter unions, AND / OR / NOT are bitmap operations, strata are intersection
 * cardinalities. The whole query runs under one read lock, so it sees one consistent state.
 */
public final class CountEngine {

  private final CountIndex index;
  private final Timer latency;

  public CountEngine(CountIndex index) {
    this(index, null);
  }

  /**
   * @param latency records the time of every count (operations metric), or null
   */
  public CountEngine(CountIndex index, Timer latency) {
    this.index = index;
    this.latency = latency;
  }

  public CountIndex index() {
    return index;
  }

  /** Patients, samples and the requested stratifications of the criteria. */
  public CountResult count(Criteria criteria, List<List<Stratifier>> stratifications) {
    return timed(
        () ->
            index.read(
                () -> {
                  RoaringBitmap matches = evaluate(criteria);
                  List<CountResult.Stratification> strata = new ArrayList<>();
                  for (List<Stratifier> dimensions : stratifications) {
                    strata.add(stratify(matches, dimensions));
                  }
                  return new CountResult(
                      matches.getCardinality(), samples(matches, criteria), strata);
                }));
  }

  /** Matching patients only (GET searches). */
  public int patients(Criteria criteria) {
    return timed(() -> index.read(() -> evaluate(criteria).getCardinality()));
  }

  private <T> T timed(Supplier<T> count) {
    return latency == null ? count.get() : latency.record(count);
  }

  RoaringBitmap evaluate(Criteria criteria) {
    if (criteria instanceof Criteria.Search search) {
      return SearchEvaluator.evaluate(index, search);
    }
    if (criteria instanceof Criteria.And and) {
      List<RoaringBitmap> parts = new ArrayList<>();
      for (Criteria operand : and.operands()) {
        parts.add(evaluate(operand));
      }
      parts.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
      RoaringBitmap result = parts.get(0).clone();
      for (int i = 1; i < parts.size() && !result.isEmpty(); i++) {
        result.and(parts.get(i));
      }
      return result;
    }
    if (criteria instanceof Criteria.Or or) {
      RoaringBitmap result = new RoaringBitmap();
      for (Criteria operand : or.operands()) {
        result.or(evaluate(operand));
      }
      return result;
    }
    Criteria.Not not = (Criteria.Not) criteria;
    return RoaringBitmap.andNot(index.all(), evaluate(not.operand()));
  }

  private CountResult.Stratification stratify(RoaringBitmap matches, List<Stratifier> dimensions) {
    Map<List<String>, Integer> cells = new LinkedHashMap<>();
    stratify(matches, dimensions, 0, new ArrayList<>(), cells);
    return new CountResult.Stratification(dimensions, cells);
  }

  private void stratify(
      RoaringBitmap subset,
      List<Stratifier> dimensions,
      int depth,
      List<String> path,
      Map<List<String>, Integer> cells) {
    Stratifier stratifier = dimensions.get(depth);
    boolean last = depth == dimensions.size() - 1;
    for (String value : index.values(stratifier.key())) {
      RoaringBitmap stratum = index.token(stratifier.key(), value);
      path.add(value);
      if (last) {
        int count = RoaringBitmap.andCardinality(subset, stratum);
        if (count > 0) {
          cells.put(List.copyOf(path), count);
        }
      } else {
        RoaringBitmap narrowed = RoaringBitmap.and(subset, stratum);
        if (!narrowed.isEmpty()) {
          stratify(narrowed, dimensions, depth + 1, path, cells);
        }
      }
      path.remove(path.size() - 1);
    }
  }

  /** Samples of the matching patients, restricted to the types asked for in the criteria. */
  private int samples(RoaringBitmap matches, Criteria criteria) {
    Set<String> types = new LinkedHashSet<>();
    askedSampleTypes(criteria, types);
    if (types.isEmpty()) {
      return repeats(matches, MdsAttributes.HAS, "Specimen");
    }
    int samples = 0;
    for (String type : types) {
      samples += repeats(matches, MdsAttributes.SPECIMEN_TYPE, type);
    }
    return samples;
  }

  private int repeats(RoaringBitmap matches, String key, String value) {
    int total = 0;
    for (int n = 1; ; n++) {
      int count = RoaringBitmap.andCardinality(matches, index.atLeast(key, value, n));
      if (count == 0) {
        return total;
      }
      total += count;
    }
  }

  private static void askedSampleTypes(Criteria criteria, Set<String> types) {
    if (criteria instanceof Criteria.Search search && search.type().equals("Specimen")) {
      search.params().stream()
          .filter(p -> p.name().equals("type"))
          .forEach(p -> types.addAll(p.values().stream().map(SearchEvaluator::code).toList()));
    } else if (criteria instanceof Criteria.And and) {
      and.operands().forEach(o -> askedSampleTypes(o, types));
    } else if (criteria instanceof Criteria.Or or) {
      or.operands().forEach(o -> askedSampleTypes(o, types));
    }
    // under NOT: the samples the query excludes are not the ones it asks for
  }
}
