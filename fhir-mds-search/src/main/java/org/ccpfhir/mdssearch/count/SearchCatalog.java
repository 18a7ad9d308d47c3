package org.ccpfhir.mdssearch.count;

import static org.ccpfhir.mdssearch.store.MdsAttributes.AGE_YEARS;
import static org.ccpfhir.mdssearch.store.MdsAttributes.BIRTH_DATE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_BODY_SITE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_ONSET;
import static org.ccpfhir.mdssearch.store.MdsAttributes.MEDICATION_CATEGORY;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_CODE_VALUE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_COMPONENT;
import static org.ccpfhir.mdssearch.store.MdsAttributes.PROCEDURE_CATEGORY;
import static org.ccpfhir.mdssearch.store.MdsAttributes.PROCEDURE_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SEX;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SITE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SPECIMEN_COLLECTED;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SPECIMEN_TYPE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.VITAL_STATUS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource types and search parameters a count query may use, and what each is indexed as.
 * Anything else is refused with a message naming it.
 */
public final class SearchCatalog {

  /** How a parameter is evaluated. */
  public enum Kind {
    /** exact token, or prefix with {@code :below} when prefixable */
    TOKEN,
    /** token that also takes {@code :below} (ICD-10, ICD-O-3, OPS prefixes) */
    PREFIXABLE,
    /** date with prefixes eq, ge, gt, le, lt at year, month or day precision */
    DATE,
    /** Observation value, paired with the expression's {@code code} */
    VALUE,
    /** Observation component as {@code code$value} */
    COMPONENT,
    /** Patient deceased true / false (vital status) */
    DECEASED,
    /** whole years with prefixes eq, ge, gt, le, lt (age at the first diagnosis) */
    AGE
  }

  /**
   * A supported parameter.
   *
   * @param key the facts key it is indexed under
   * @param kind how it is evaluated
   * @param qualifier for dates: the token parameter of the same resource the date is also indexed
   *     per value of (so both match on one resource), or null
   */
  public record Definition(String key, Kind kind, String qualifier) {

    public Definition(String key, Kind kind) {
      this(key, kind, null);
    }
  }

  private static final Set<String> CONTROL = Set.of("_summary", "_count", "_format", "_pretty");

  private final Map<String, Map<String, Definition>> types = new LinkedHashMap<>();

  public SearchCatalog() {
    type("Patient")
        .put("gender", new Definition(SEX, Kind.TOKEN))
        .put("birthdate", new Definition(BIRTH_DATE, Kind.DATE))
        .put("deceased", new Definition(VITAL_STATUS, Kind.DECEASED))
        .put("age-at-diagnosis", new Definition(AGE_YEARS, Kind.AGE))
        .put("site", new Definition(SITE, Kind.TOKEN));
    type("Condition")
        .put("code", new Definition(CONDITION_CODE, Kind.PREFIXABLE))
        .put("body-site", new Definition(CONDITION_BODY_SITE, Kind.PREFIXABLE))
        .put("onset-date", new Definition(CONDITION_ONSET, Kind.DATE, "code"));
    type("Observation")
        .put("code", new Definition(OBSERVATION_CODE, Kind.TOKEN))
        .put("value-concept", new Definition(OBSERVATION_CODE_VALUE, Kind.VALUE))
        .put("component-code-value-concept", new Definition(OBSERVATION_COMPONENT, Kind.COMPONENT));
    type("Specimen")
        .put("type", new Definition(SPECIMEN_TYPE, Kind.TOKEN))
        .put("collected", new Definition(SPECIMEN_COLLECTED, Kind.DATE, "type"));
    type("Procedure")
        .put("category", new Definition(PROCEDURE_CATEGORY, Kind.TOKEN))
        .put("code", new Definition(PROCEDURE_CODE, Kind.PREFIXABLE));
    type("MedicationStatement").put("category", new Definition(MEDICATION_CATEGORY, Kind.TOKEN));
  }

  private Params type(String name) {
    Map<String, Definition> params = new LinkedHashMap<>();
    types.put(name, params);
    return new Params(params);
  }

  private record Params(Map<String, Definition> params) {
    Params put(String name, Definition definition) {
      params.put(name, definition);
      return this;
    }
  }

  public Set<String> types() {
    return types.keySet();
  }

  public Map<String, Definition> parameters(String type) {
    return types.getOrDefault(type, Map.of());
  }

  public Definition definition(String type, String name) {
    return parameters(type).get(name);
  }

  /** Request parameters that control the response, not the criteria. */
  public static boolean isControl(String name) {
    return CONTROL.contains(name);
  }

  /** Checks a search expression; the exception names every unsupported part. */
  public Criteria.Search check(Criteria.Search search) {
    Map<String, Definition> params = types.get(search.type());
    if (params == null) {
      throw new CriteriaException(
          "resource type '"
              + CriteriaParser.shorten(search.type())
              + "' cannot be counted (supported: "
              + String.join(", ", types.keySet())
              + ")");
    }
    List<String> unsupported = new ArrayList<>();
    for (SearchParam param : search.params()) {
      Definition definition = params.get(param.name());
      if (definition == null) {
        unsupported.add(CriteriaParser.shorten(param.name()));
      } else {
        checkModifier(search.type(), param, definition);
        if (definition.kind() == Kind.DATE) {
          param.values().forEach(v -> DateBound.parse(param.name(), v));
        }
        if (definition.kind() == Kind.AGE) {
          param.values().forEach(v -> AgeBound.parse(param.name(), v));
        }
      }
    }
    if (!unsupported.isEmpty()) {
      throw new CriteriaException(
          "unsupported search parameter(s) for "
              + search.type()
              + ": "
              + String.join(", ", unsupported.stream().distinct().toList())
              + " (supported: "
              + String.join(", ", params.keySet())
              + ")");
    }
    boolean hasValue =
        search.params().stream().anyMatch(p -> params.get(p.name()).kind() == Kind.VALUE);
    boolean hasCode = search.params().stream().anyMatch(p -> p.name().equals("code"));
    if (hasValue && !hasCode) {
      throw new CriteriaException(search.type() + ": value-concept needs a code parameter");
    }
    return search;
  }

  private static void checkModifier(String type, SearchParam param, Definition definition) {
    if (param.modifier().isEmpty()) {
      return;
    }
    if (!(param.modifier().equals("below") && definition.kind() == Kind.PREFIXABLE)) {
      throw new CriteriaException(
          type
              + ": modifier ':"
              + CriteriaParser.shorten(param.modifier())
              + "' is not supported for parameter '"
              + param.name()
              + "'");
    }
  }
}
