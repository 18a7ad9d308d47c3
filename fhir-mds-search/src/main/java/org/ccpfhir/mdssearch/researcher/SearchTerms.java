package org.ccpfhir.mdssearch.researcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.Icd10Gm;
import org.ccpfhir.terminology.IcdO3;
import org.ccpfhir.terminology.TumorEntityClassifier;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * The researcher's search box over the terminology module: tumour entities (K-31, with their
 * ICD-10-GM categories), UICC stages, therapy types, sample material types and sex, each with the
 * count-search expression it stands for. ICD-10-GM and ICD-O-3 content is not shipped (licence), so
 * a typed code of the right format is offered as a term of its own.
 */
public final class SearchTerms {

  static final String LOINC_HISTOLOGY = "59847-4";
  static final String LOINC_TNM_CLINICAL = "21908-9";
  static final String LOINC_TNM_PATHOLOGICAL = "21902-2";
  private static final List<String> SURGERY_OR_RADIOTHERAPY = List.of("OP", "ST");

  private final List<SearchTerm> catalogue;

  public SearchTerms(CcpTerminology terminology) {
    List<SearchTerm> terms = new ArrayList<>();
    addEntities(terminology, terms);
    addStages(terminology, terms);
    addTherapies(terminology, terms);
    addSampleTypes(terminology, terms);
    terms.add(
        new SearchTerm("sex", "gender", "female", "weiblich (female)", "Patient?gender=female"));
    terms.add(new SearchTerm("sex", "gender", "male", "männlich (male)", "Patient?gender=male"));
    this.catalogue = List.copyOf(terms);
  }

  /** Terms whose code or display contain every word of {@code filter}, at most {@code max}. */
  public List<SearchTerm> find(String filter, int max) {
    String trimmed = filter.trim();
    List<SearchTerm> found = new ArrayList<>(typedCodes(trimmed));
    found.addAll(TimeAndAgeTerms.find(trimmed));
    String[] words = trimmed.toLowerCase(Locale.ROOT).split("\\s+");
    for (SearchTerm term : catalogue) {
      if (found.size() >= max) {
        break;
      }
      if (term.matches(words)) {
        found.add(term);
      }
    }
    return found.size() > max ? found.subList(0, max) : found;
  }

  private static List<SearchTerm> typedCodes(String filter) {
    List<SearchTerm> typed = new ArrayList<>();
    String upper = filter.toUpperCase(Locale.ROOT);
    if (Icd10Gm.isWellFormed(upper)) {
      typed.add(
          new SearchTerm(
              "diagnosis",
              CodeSystems.ICD10_GM,
              upper,
              "ICD-10-GM " + upper + (upper.contains(".") ? "" : " and its subcodes"),
              "Condition?code:below=" + upper));
    }
    if (IcdO3.isMorphology(filter)) {
      typed.add(
          new SearchTerm(
              "morphology",
              CodeSystems.ICDO3,
              filter,
              "ICD-O-3 morphology " + filter,
              "Observation?code=" + LOINC_HISTOLOGY + "&value-concept=" + filter));
    }
    return typed;
  }

  private static void addEntities(CcpTerminology terminology, List<SearchTerm> terms) {
    TumorEntityClassifier classifier = new TumorEntityClassifier(terminology);
    for (ConceptDefinitionComponent concept : concepts(terminology, CodeSystems.TUMOR_ENTITY)) {
      List<String> categories = classifier.categoriesOf(concept.getCode());
      if (categories.isEmpty()) {
        continue;
      }
      terms.add(
          new SearchTerm(
              "entity",
              CodeSystems.TUMOR_ENTITY,
              concept.getCode(),
              display(concept) + " — ICD-10-GM " + String.join(", ", categories),
              "Condition?code:below=" + String.join(",", categories)));
    }
  }

  private static void addStages(CcpTerminology terminology, List<SearchTerm> terms) {
    List<String> codes = new ArrayList<>();
    concepts(terminology, CodeSystems.UICC_STAGE).forEach(c -> codes.add(c.getCode()));
    // the stage groups first: "stage III" is what a researcher usually means, with every subgroup
    for (String group : List.of("0", "I", "II", "III", "IV")) {
      List<String> members = codes.stream().filter(c -> stageGroup(c).equals(group)).toList();
      if (members.size() > 1) {
        terms.add(
            new SearchTerm(
                "stage-group",
                CodeSystems.UICC_STAGE,
                group,
                "UICC stage group "
                    + group
                    + " — Stadium "
                    + group
                    + " with its subgroups ("
                    + String.join(", ", members)
                    + ")",
                stageCriteria(String.join(",", members))));
      }
    }
    for (String code : codes) {
      terms.add(
          new SearchTerm(
              "stage",
              CodeSystems.UICC_STAGE,
              code,
              "UICC stage " + code + " (clinical or pathological TNM)",
              stageCriteria(code)));
    }
  }

  /** The roman numeral (or 0) a UICC stage code starts with: IIIA1 → III; okk, IS → itself. */
  static String stageGroup(String code) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(0|IV|I{1,3})").matcher(code);
    return m.find() && !code.equals("IS") ? m.group(1) : code;
  }

  private static String stageCriteria(String values) {
    return "(Observation?code="
        + LOINC_TNM_CLINICAL
        + "&value-concept="
        + values
        + " OR Observation?code="
        + LOINC_TNM_PATHOLOGICAL
        + "&value-concept="
        + values
        + ")";
  }

  private static void addTherapies(CcpTerminology terminology, List<SearchTerm> terms) {
    for (ConceptDefinitionComponent concept : concepts(terminology, CodeSystems.THERAPY_TYPE)) {
      String code = concept.getCode();
      String type = SURGERY_OR_RADIOTHERAPY.contains(code) ? "Procedure" : "MedicationStatement";
      terms.add(
          new SearchTerm(
              "therapy",
              CodeSystems.THERAPY_TYPE,
              code,
              display(concept),
              type + "?category=" + code));
    }
  }

  private static void addSampleTypes(CcpTerminology terminology, List<SearchTerm> terms) {
    String system = CodeSystems.SAMPLE_MATERIAL_TYPE;
    for (ConceptDefinitionComponent concept : concepts(terminology, system)) {
      // the data carry the most specific type: a group stands for itself and its subtypes
      List<String> codes = new ArrayList<>(List.of(concept.getCode()));
      concept.getConcept().forEach(child -> codes.add(child.getCode()));
      terms.add(
          new SearchTerm(
              "sample-type",
              system,
              concept.getCode(),
              display(concept),
              "Specimen?type=" + String.join(",", codes)));
    }
  }

  /** All concepts of a shipped code system, nested ones after their parent. */
  private static List<ConceptDefinitionComponent> concepts(CcpTerminology terminology, String url) {
    List<ConceptDefinitionComponent> all = new ArrayList<>();
    terminology.codeSystem(url).ifPresent(cs -> flatten(cs.getConcept(), all));
    return all;
  }

  private static void flatten(
      List<ConceptDefinitionComponent> concepts, List<ConceptDefinitionComponent> into) {
    for (ConceptDefinitionComponent concept : concepts) {
      into.add(concept);
      flatten(concept.getConcept(), into);
    }
  }

  /** German wording first (the display, or a German designation where the display is BBMRI's). */
  private static String display(ConceptDefinitionComponent concept) {
    String german = designation(concept, "de");
    String shown = german == null ? concept.getDisplay() : german;
    String english = designation(concept, "en");
    return english == null || english.equals(shown) ? shown : shown + " (" + english + ")";
  }

  private static String designation(ConceptDefinitionComponent concept, String language) {
    return concept.getDesignation().stream()
        .filter(d -> language.equals(d.getLanguage()))
        .map(d -> d.getValue())
        .findFirst()
        .orElse(null);
  }
}
