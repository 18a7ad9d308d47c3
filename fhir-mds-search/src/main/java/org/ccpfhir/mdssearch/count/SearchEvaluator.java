package org.ccpfhir.mdssearch.count;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.mdssearch.store.MdsAttributes;
import org.roaringbitmap.RoaringBitmap;

/** Evaluates one search expression: the intersection of its parameters' bitmaps. */
final class SearchEvaluator {

  private static final SearchCatalog CATALOG = new SearchCatalog();

  private SearchEvaluator() {}

  static RoaringBitmap evaluate(CountIndex index, Criteria.Search search) {
    List<RoaringBitmap> parts = new ArrayList<>();
    parts.add(
        search.type().equals("Patient")
            ? index.all()
            : index.token(MdsAttributes.HAS, search.type()));
    List<String> codes = new ArrayList<>();
    Map<SearchCatalog.Definition, DateBound> dates = new LinkedHashMap<>();
    AgeBound age = null;
    for (SearchParam param : search.params()) {
      if (param.name().equals("code")) {
        param.values().forEach(v -> codes.add(code(v)));
      }
    }
    for (SearchParam param : search.params()) {
      SearchCatalog.Definition definition = CATALOG.definition(search.type(), param.name());
      switch (definition.kind()) {
        case DATE -> {
          for (String value : param.values()) {
            DateBound bound = DateBound.parse(param.name(), value);
            dates.merge(definition, bound, DateBound::intersect);
          }
        }
        case TOKEN, PREFIXABLE -> parts.add(tokens(index, definition, param));
        case VALUE -> {
          RoaringBitmap union = new RoaringBitmap();
          for (String code : codes) {
            for (String value : param.values()) {
              union.or(index.token(definition.key(), MdsAttributes.pair(code, code(value))));
            }
          }
          parts.add(union);
        }
        case COMPONENT -> {
          RoaringBitmap union = new RoaringBitmap();
          for (String value : param.values()) {
            int dollar = value.indexOf('$');
            if (dollar <= 0) {
              throw new CriteriaException(
                  "parameter '"
                      + param.name()
                      + "': expected code$value, got '"
                      + CriteriaParser.shorten(value)
                      + "'");
            }
            String pair =
                MdsAttributes.pair(
                    code(value.substring(0, dollar)), code(value.substring(dollar + 1)));
            union.or(index.token(definition.key(), pair));
          }
          parts.add(union);
        }
        case DECEASED -> parts.add(deceased(index, definition, param));
        case AGE -> {
          for (String value : param.values()) {
            AgeBound bound = AgeBound.parse(param.name(), value);
            age = age == null ? bound : age.intersect(bound);
          }
        }
      }
    }
    if (age != null) {
      parts.add(ages(index, age));
    }
    dates.forEach((definition, bound) -> parts.add(dateRange(index, search, definition, bound)));
    parts.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
    RoaringBitmap result = parts.get(0).clone();
    for (int i = 1; i < parts.size() && !result.isEmpty(); i++) {
      result.and(parts.get(i));
    }
    return result;
  }

  /**
   * A date range; when the search also names the date's qualifier (Specimen type, Condition code),
   * only dates of resources with those codes count, so both match on the same resource.
   */
  private static RoaringBitmap dateRange(
      CountIndex index,
      Criteria.Search search,
      SearchCatalog.Definition definition,
      DateBound bound) {
    List<String> qualifiers = new ArrayList<>();
    for (SearchParam param : search.params()) {
      if (param.name().equals(definition.qualifier())) {
        String tokenKey = CATALOG.definition(search.type(), param.name()).key();
        for (String value : param.values()) {
          String code = code(value);
          if (param.modifier().equals("below")) {
            index.values(tokenKey).stream()
                .filter(v -> v.startsWith(code))
                .forEach(qualifiers::add);
          } else {
            qualifiers.add(code);
          }
        }
      }
    }
    boolean qualified =
        search.params().stream().anyMatch(p -> p.name().equals(definition.qualifier()));
    if (!qualified) {
      return index.dateRange(definition.key(), bound.from(), bound.to());
    }
    RoaringBitmap union = new RoaringBitmap();
    for (String qualifier : qualifiers) {
      union.or(
          index.dateRange(
              MdsAttributes.qualified(definition.key(), qualifier), bound.from(), bound.to()));
    }
    return union;
  }

  /** Patients whose completed years at the first diagnosis lie in the bound. */
  private static RoaringBitmap ages(CountIndex index, AgeBound bound) {
    RoaringBitmap union = new RoaringBitmap();
    for (String value : index.values(MdsAttributes.AGE_YEARS)) {
      if (bound.contains(Integer.parseInt(value))) {
        union.or(index.token(MdsAttributes.AGE_YEARS, value));
      }
    }
    return union;
  }

  private static RoaringBitmap tokens(
      CountIndex index, SearchCatalog.Definition definition, SearchParam param) {
    boolean below = param.modifier().equals("below");
    RoaringBitmap union = new RoaringBitmap();
    for (String value : param.values()) {
      String code = code(value);
      union.or(
          below ? index.tokenPrefix(definition.key(), code) : index.token(definition.key(), code));
    }
    return union;
  }

  private static RoaringBitmap deceased(
      CountIndex index, SearchCatalog.Definition definition, SearchParam param) {
    RoaringBitmap union = new RoaringBitmap();
    for (String value : param.values()) {
      RoaringBitmap dead = index.token(definition.key(), MdsAttributes.DECEASED);
      switch (value) {
        case "true" -> union.or(dead);
        case "false" -> union.or(RoaringBitmap.andNot(index.all(), dead));
        default ->
            throw new CriteriaException(
                "parameter 'deceased': '"
                    + CriteriaParser.shorten(value)
                    + "' is not true or false");
      }
    }
    return union;
  }

  /** The code of a token value; a {@code system|} part is ignored (one system per attribute). */
  static String code(String value) {
    int bar = value.lastIndexOf('|');
    return bar < 0 ? value : value.substring(bar + 1);
  }
}
