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
  private final List<String> sites;

  /** An engine whose site dimension is the sites in the data (tests and benchmarks). */
  public CountEngine(CountIndex index) {
    this(index, null, List.of());
  }

  /**
   * @param latency records the time of every count (operations metric), or null
   * @param sites the network's site codes: the full value set of the site stratum; empty = the
   *     sites that have records (then the list of sites says which ones have data)
   */
  public CountEngine(CountIndex index, Timer latency, List<String> sites) {
    this.index = index;
    this.latency = latency;
    this.sites = List.copyOf(sites);
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
                  return new CountResult(cell(matches), samples(matches, criteria), strata);
                }));
  }

  /** The cell of the matching patients only (search totals: no samples, no strata). */
  public Cell patientsCell(Criteria criteria) {
    return timed(() -> index.read(() -> cell(evaluate(criteria))));
  }

  /** The number of matching patients (tests). */
  public int patients(Criteria criteria) {
    return timed(() -> index.read(() -> evaluate(criteria).getCardinality()));
  }

  /** The number of cells a stratification has: the product of its dimensions' value sets. */
  public long cells(List<Stratifier> dimensions) {
    long cells = 1;
    for (Stratifier dimension : dimensions) {
      cells *= dimension == Stratifier.SITE ? sites().size() : dimension.domain(List.of()).size();
    }
    return cells;
  }

  private List<String> sites() {
    return sites.isEmpty() ? index.read(() -> index.values(MdsAttributes.SITE)) : sites;
  }

  private Cell cell(RoaringBitmap members) {
    return index.cell(members);
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
    Map<List<String>, Cell> cells = new LinkedHashMap<>();
    List<String> siteValues = sites.isEmpty() ? index.values(MdsAttributes.SITE) : sites;
    stratify(matches, dimensions, siteValues, 0, new ArrayList<>(), cells);
    return new CountResult.Stratification(dimensions, cells);
  }

  // every combination of the full value sets is a cell, empty ones included
  private void stratify(
      RoaringBitmap subset,
      List<Stratifier> dimensions,
      List<String> siteValues,
      int depth,
      List<String> path,
      Map<List<String>, Cell> cells) {
    Stratifier stratifier = dimensions.get(depth);
    boolean last = depth == dimensions.size() - 1;
    for (String value : stratifier.domain(siteValues)) {
      path.add(value);
      RoaringBitmap narrowed =
          subset.isEmpty()
              ? subset
              : RoaringBitmap.and(subset, index.token(stratifier.key(), value));
      if (last) {
        cells.put(List.copyOf(path), narrowed.isEmpty() ? Cell.EMPTY : cell(narrowed));
      } else {
        stratify(narrowed, dimensions, siteValues, depth + 1, path, cells);
      }
      path.remove(path.size() - 1);
    }
  }

  /** Samples of the matching patients, restricted to the types asked for in the criteria. */
  private Cell samples(RoaringBitmap matches, Criteria criteria) {
    Set<String> types = new LinkedHashSet<>();
    askedSampleTypes(criteria, types);
    if (types.isEmpty()) {
      return repeats(matches, MdsAttributes.HAS, "Specimen", Cell.EMPTY);
    }
    Cell samples = Cell.EMPTY;
    for (String type : types) {
      samples = repeats(matches, MdsAttributes.SPECIMEN_TYPE, type, samples);
    }
    return samples;
  }

  // a patient with n samples counts n times, and so does its key
  private Cell repeats(RoaringBitmap matches, String key, String value, Cell sum) {
    int count = sum.count();
    int cellKey = sum.key();
    int counted = sum.counted();
    for (int n = 1; ; n++) {
      RoaringBitmap having = RoaringBitmap.and(matches, index.atLeast(key, value, n));
      if (having.isEmpty()) {
        return new Cell(count, cellKey, counted);
      }
      Cell layer = index.cell(having);
      count += layer.count();
      cellKey += layer.key();
      counted += layer.counted();
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
