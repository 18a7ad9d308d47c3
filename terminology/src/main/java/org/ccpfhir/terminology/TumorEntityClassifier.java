package org.ccpfhir.terminology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;

/**
 * K-31: classifies an ICD-10-GM diagnosis into a clinically relevant tumour entity group via the
 * ConceptMap {@value ConceptMaps#ICD10_TO_TUMOR_ENTITY}. Four- and five-character codes are
 * classified by their three-character category (C50.9 to C50 to breast).
 */
public final class TumorEntityClassifier {

  /** Former DIMDI URL of ICD-10-GM, still found in older data (e.g. BBMRI). */
  static final String ICD10_GM_DIMDI = "http://fhir.de/CodeSystem/dimdi/icd-10-gm";

  private final Map<String, Coding> byCategory;
  private final Map<String, List<String>> categoriesByEntity;

  public TumorEntityClassifier(CcpTerminology terminology) {
    ConceptMap map = terminology.sharedConceptMap(ConceptMaps.ICD10_TO_TUMOR_ENTITY);
    if (map == null) {
      throw new IllegalStateException(
          "ConceptMap " + ConceptMaps.ICD10_TO_TUMOR_ENTITY + " missing");
    }
    Map<String, Coding> categories = new LinkedHashMap<>();
    Map<String, List<String>> entities = new LinkedHashMap<>();
    for (ConceptMapGroupComponent group : map.getGroup()) {
      for (SourceElementComponent element : group.getElement()) {
        TargetElementComponent target = element.getTargetFirstRep();
        categories.put(
            element.getCode(),
            new Coding(group.getTarget(), target.getCode(), target.getDisplay()));
        entities.computeIfAbsent(target.getCode(), k -> new ArrayList<>()).add(element.getCode());
      }
    }
    this.byCategory = Collections.unmodifiableMap(categories);
    entities.replaceAll((k, v) -> List.copyOf(v));
    this.categoriesByEntity = Collections.unmodifiableMap(entities);
  }

  /** A classifier over the shared {@link CcpTerminology}. */
  public static TumorEntityClassifier standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    private static final TumorEntityClassifier INSTANCE =
        new TumorEntityClassifier(CcpTerminology.get());
  }

  /** The entity group of an ICD-10-GM code such as C50.9; empty if malformed or not mapped. */
  public Optional<Coding> classify(String icd10Code) {
    return Icd10Gm.category(icd10Code).map(byCategory::get).map(Coding::copy);
  }

  /** Classifies a Coding of system ICD-10-GM (the former DIMDI URL is accepted too). */
  public Optional<Coding> classify(Coding coding) {
    if (coding == null || !isIcd10Gm(coding.getSystem())) {
      return Optional.empty();
    }
    return classify(coding.getCode());
  }

  /** The entity group of the first ICD-10-GM coding that classifies. */
  public Optional<Coding> classify(CodeableConcept concept) {
    if (concept == null) {
      return Optional.empty();
    }
    return concept.getCoding().stream().map(this::classify).flatMap(Optional::stream).findFirst();
  }

  /** The three-character ICD-10-GM categories of an entity group, e.g. C18..C21 for colorectal. */
  public List<String> categoriesOf(String entityCode) {
    return categoriesByEntity.getOrDefault(entityCode, List.of());
  }

  /** All mapped categories, i.e. the existing three-character categories of chapter II. */
  public Set<String> categories() {
    return byCategory.keySet();
  }

  static boolean isIcd10Gm(String system) {
    String plain = CodeSystems.stripVersion(system);
    return CodeSystems.ICD10_GM.equals(plain) || ICD10_GM_DIMDI.equals(plain);
  }
}
