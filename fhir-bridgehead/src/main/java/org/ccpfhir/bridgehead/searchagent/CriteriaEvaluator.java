package org.ccpfhir.bridgehead.searchagent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.util.FhirTerser;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.profiles.task.SearchExpression;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Evaluates criteria on the site's own FHIR store: each {@code Type?params} becomes a search of the
 * local HAPI JPA store, its resources are mapped to their Patients, and the patient sets are
 * combined (AND = intersection, OR = union, NOT = all patients minus the operand). Parameters of
 * one expression match on the same resource, as in a FHIR search. {@code :below} on ICD-10 /
 * ICD-O-3 / OPS codes is a code prefix (the store has no hierarchy of those code systems), applied
 * to the resources HAPI found for the other parameters. {@code Patient?age-at-diagnosis} (the
 * central engine's parameter, no FHIR one) is computed from birth month and earliest onset.
 */
public class CriteriaEvaluator {

  /** Code-prefix parameters: search parameter → element path of its codes. */
  private static final Map<String, String> PREFIXABLE =
      Map.of(
          "Condition.code", "code.coding",
          "Condition.body-site", "bodySite.coding",
          "Procedure.code", "code.coding");

  private final DaoRegistry daoRegistry;
  private final MatchUrlService matchUrlService;
  private final FhirContext fhirContext;

  public CriteriaEvaluator(
      DaoRegistry daoRegistry, MatchUrlService matchUrlService, FhirContext fhirContext) {
    this.daoRegistry = daoRegistry;
    this.matchUrlService = matchUrlService;
    this.fhirContext = fhirContext;
  }

  /**
   * The ids ({@code Patient/123}) of the local patients matching the criteria, sorted.
   *
   * @throws IllegalArgumentException when the criteria cannot be evaluated here, with the reason
   */
  public List<String> matchingPatients(String criteria) {
    return new ArrayList<>(new TreeSet<>(evaluate(SearchExpression.parse(criteria))));
  }

  private Set<String> evaluate(SearchExpression expression) {
    if (expression instanceof SearchExpression.And and) {
      Set<String> result = null;
      for (SearchExpression operand : and.operands()) {
        Set<String> matches = evaluate(operand);
        if (result == null) {
          result = matches;
        } else {
          result.retainAll(matches);
        }
      }
      return result;
    }
    if (expression instanceof SearchExpression.Or or) {
      Set<String> result = new HashSet<>();
      or.operands().forEach(operand -> result.addAll(evaluate(operand)));
      return result;
    }
    if (expression instanceof SearchExpression.Not not) {
      Set<String> all = search(new SearchExpression.Search("Patient", ""));
      all.removeAll(evaluate(not.operand()));
      return all;
    }
    return search((SearchExpression.Search) expression);
  }

  private Set<String> search(SearchExpression.Search search) {
    if (!daoRegistry.isResourceTypeSupported(search.type())) {
      throw new IllegalArgumentException("resource type " + search.type() + " is not stored here");
    }
    List<String> kept = new ArrayList<>();
    Map<String, List<String>> prefixes = new LinkedHashMap<>();
    int[] ages = null;
    for (String pair : search.query().isEmpty() ? new String[0] : search.query().split("&")) {
      String name = pair.substring(0, Math.max(pair.indexOf('='), 0));
      if (search.type().equals("Patient") && name.equals(AGE_AT_DIAGNOSIS)) {
        ages =
            ageBound(
                ages == null ? new int[] {0, OLDEST} : ages, pair.substring(name.length() + 1));
        continue;
      }
      String path = PREFIXABLE.get(search.type() + "." + name.replace(":below", ""));
      if (name.endsWith(":below") && path != null) {
        prefixes.put(path, List.of(pair.substring(pair.indexOf('=') + 1).split(",")));
      } else {
        kept.add(pair);
      }
    }
    RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(search.type());
    SearchParameterMap map;
    try {
      map =
          matchUrlService.translateMatchUrl(
              search.type() + "?" + String.join("&", kept), definition);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(search.type() + ": " + e.getMessage());
    }
    // NOT takes all patients minus the operand: every one of them must be seen
    InternalSearches.unbounded(map);
    List<IBaseResource> found =
        InternalSearches.everything(
            daoRegistry.getResourceDao(search.type()).search(map, new SystemRequestDetails()));
    Set<String> patients = new HashSet<>();
    FhirTerser terser = fhirContext.newTerser();
    Map<String, LocalDate> firstDiagnoses = ages == null ? Map.of() : firstDiagnoses(terser);
    for (IBaseResource resource : found) {
      if (matchesPrefixes(terser, resource, prefixes)
          && (ages == null || ageMatches((Patient) resource, firstDiagnoses, ages))) {
        patientOf(terser, resource).ifPresent(patients::add);
      }
    }
    return patients;
  }

  /**
   * {@code Patient?age-at-diagnosis=ge40&age-at-diagnosis=le59}: completed years at the first
   * diagnosis, the central count engine's search parameter (no FHIR search parameter exists for
   * it). The same rule as there: from the first day of the birth month (the store keeps month and
   * year only) to the earliest Condition onset; unknown (no match) without both.
   */
  static final String AGE_AT_DIAGNOSIS = "age-at-diagnosis";

  private static final int OLDEST = 150;

  static int[] ageBound(int[] current, String values) {
    int[] bound = current.clone();
    for (String value : values.split(",")) {
      boolean prefixed = value.length() > 2 && Character.isLetter(value.charAt(0));
      String prefix = prefixed ? value.substring(0, 2) : "eq";
      int years;
      try {
        years = Integer.parseInt(prefixed ? value.substring(2) : value);
      } catch (NumberFormatException e) {
        years = -1;
      }
      if (years < 0 || years > OLDEST) {
        throw new IllegalArgumentException(
            "Patient: " + AGE_AT_DIAGNOSIS + " needs whole years from 0 to " + OLDEST);
      }
      switch (prefix) {
        case "eq" -> {
          bound[0] = Math.max(bound[0], years);
          bound[1] = Math.min(bound[1], years);
        }
        case "ge" -> bound[0] = Math.max(bound[0], years);
        case "gt" -> bound[0] = Math.max(bound[0], years + 1);
        case "le" -> bound[1] = Math.min(bound[1], years);
        case "lt" -> bound[1] = Math.min(bound[1], years - 1);
        default ->
            throw new IllegalArgumentException(
                "Patient: " + AGE_AT_DIAGNOSIS + " takes the prefixes eq, ge, gt, le, lt");
      }
    }
    return bound;
  }

  /** The earliest Condition onset per patient ({@code Patient/1} → date). */
  private Map<String, LocalDate> firstDiagnoses(FhirTerser terser) {
    SearchParameterMap all = new SearchParameterMap();
    InternalSearches.unbounded(all);
    Map<String, LocalDate> first = new HashMap<>();
    // page by page: every Condition of the store, which a single page would cut short
    for (IBaseResource resource :
        InternalSearches.everything(
            daoRegistry.getResourceDao("Condition").search(all, new SystemRequestDetails()))) {
      Condition condition = (Condition) resource;
      if (!condition.hasOnsetDateTimeType()
          || condition.getOnsetDateTimeType().getValue() == null) {
        continue;
      }
      String text = condition.getOnsetDateTimeType().getValueAsString();
      LocalDate onset =
          text.length() >= 10
              ? LocalDate.parse(text.substring(0, 10))
              : text.length() == 7 ? YearMonth.parse(text).atDay(1) : null;
      if (onset == null) {
        continue;
      }
      patientOf(terser, condition)
          .ifPresent(p -> first.merge(p, onset, (a, b) -> a.isBefore(b) ? a : b));
    }
    return first;
  }

  private static boolean ageMatches(Patient patient, Map<String, LocalDate> first, int[] bound) {
    String birth = patient.getBirthDateElement().getValueAsString();
    LocalDate diagnosis = first.get("Patient/" + patient.getIdElement().getIdPart());
    if (birth == null || birth.length() < 7 || diagnosis == null) {
      return false;
    }
    LocalDate month = YearMonth.parse(birth.substring(0, 7)).atDay(1);
    if (diagnosis.isBefore(month)) {
      return false;
    }
    int years = Period.between(month, diagnosis).getYears();
    return years >= bound[0] && years <= bound[1];
  }

  private static boolean matchesPrefixes(
      FhirTerser terser, IBaseResource resource, Map<String, List<String>> prefixes) {
    for (Map.Entry<String, List<String>> prefix : prefixes.entrySet()) {
      boolean any =
          terser.getValues(resource, prefix.getKey(), Coding.class).stream()
              .filter(Coding::hasCode)
              .anyMatch(
                  c ->
                      prefix.getValue().stream()
                          .anyMatch(p -> c.getCode().startsWith(p.substring(p.indexOf('|') + 1))));
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> patientOf(FhirTerser terser, IBaseResource resource) {
    if (resource.fhirType().equals("Patient")) {
      return Optional.of("Patient/" + resource.getIdElement().getIdPart());
    }
    for (String path : List.of("subject", "patient")) {
      if (fhirContext.getResourceDefinition(resource).getChildByName(path) == null) {
        continue;
      }
      for (Reference reference : terser.getValues(resource, path, Reference.class)) {
        IIdType id = reference.getReferenceElement();
        if ("Patient".equals(id.getResourceType()) && id.hasIdPart()) {
          return Optional.of("Patient/" + id.getIdPart());
        }
      }
    }
    return Optional.empty();
  }
}
