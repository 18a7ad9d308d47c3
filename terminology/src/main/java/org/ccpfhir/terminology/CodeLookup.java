package org.ccpfhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport.BaseConceptProperty;
import ca.uhn.fhir.context.support.IValidationSupport.CodingConceptProperty;
import ca.uhn.fhir.context.support.IValidationSupport.ConceptDesignation;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.context.support.IValidationSupport.StringConceptProperty;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.Coding;

/** Answers {@code $lookup} for our code systems and the format-checked external systems. */
final class CodeLookup {

  private final CcpTerminology terminology;
  private final FormatRules rules;
  private final TumorEntityClassifier classifier;

  CodeLookup(CcpTerminology terminology, FormatRules rules, TumorEntityClassifier classifier) {
    this.terminology = terminology;
    this.rules = rules;
    this.classifier = classifier;
  }

  /** Null when the system is not ours. */
  LookupCodeResult lookup(LookupCodeRequest request) {
    String system = CodeSystems.stripVersion(request.getSystem());
    String code = request.getCode();
    CodeSystem codeSystem = terminology.sharedCodeSystem(system);
    if (codeSystem != null) {
      ConceptDefinitionComponent concept = terminology.findConcept(system, code);
      if (concept != null) {
        return found(codeSystem, concept, request);
      }
      boolean openEnded =
          rules.forSystem(system).map(rule -> rule.apply(code).valid()).orElse(false);
      return openEnded
          ? base(system, code, codeSystem.getTitle(), codeSystem.getVersion())
          : LookupCodeResult.notFound(system, code);
    }
    if (rules.isExternal(system)) {
      FormatCheck check = rules.forSystem(system).orElseThrow().apply(code);
      if (!check.valid()) {
        return LookupCodeResult.notFound(system, code).setErrorMessage(check.message());
      }
      return external(system, code, request.getPropertyNames());
    }
    return null;
  }

  private LookupCodeResult found(
      CodeSystem codeSystem, ConceptDefinitionComponent concept, LookupCodeRequest request) {
    LookupCodeResult result =
        base(
            codeSystem.getUrl(), concept.getCode(), codeSystem.getTitle(), codeSystem.getVersion());
    result.setCodeDisplay(displayIn(concept, request.getDisplayLanguage()));
    for (ConceptDefinitionDesignationComponent designation : concept.getDesignation()) {
      result
          .getDesignations()
          .add(
              new ConceptDesignation()
                  .setLanguage(designation.getLanguage())
                  .setValue(designation.getValue()));
    }
    List<BaseConceptProperty> properties = new ArrayList<>();
    for (ConceptPropertyComponent property : concept.getProperty()) {
      properties.add(
          new StringConceptProperty(property.getCode(), property.getValue().primitiveValue()));
    }
    terminology
        .parent(codeSystem.getUrl(), concept.getCode())
        .ifPresent(
            parent ->
                properties.add(
                    new CodingConceptProperty(
                        "parent",
                        codeSystem.getUrl(),
                        parent,
                        terminology.display(codeSystem.getUrl(), parent).orElse(null))));
    result.setProperties(filter(properties, request.getPropertyNames()));
    return result;
  }

  // ICD-10-GM and ICD-O-3 content is not shipped: no display, but ICD-10-GM codes get their
  // category and, in chapter II, their tumour entity group.
  private LookupCodeResult external(String system, String code, Collection<String> wanted) {
    String name = CodeSystems.ICD10_GM.equals(system) ? "ICD-10-GM" : "ICD-O-3";
    LookupCodeResult result = base(system, code, name, null);
    List<BaseConceptProperty> properties = new ArrayList<>();
    if (CodeSystems.ICD10_GM.equals(system)) {
      Icd10Gm.category(code)
          .ifPresent(category -> properties.add(new StringConceptProperty("category", category)));
      classifier
          .classify(code)
          .ifPresent(entity -> properties.add(codingProperty("tumor-entity", entity)));
    }
    result.setProperties(filter(properties, wanted));
    return result;
  }

  private static LookupCodeResult base(String system, String code, String name, String version) {
    LookupCodeResult result = new LookupCodeResult();
    result.setFound(true);
    result.setSearchedForSystem(system);
    result.setSearchedForCode(code);
    result.setCodeSystemDisplayName(name);
    result.setCodeSystemVersion(version);
    return result;
  }

  private static String displayIn(ConceptDefinitionComponent concept, String language) {
    if (language == null || language.startsWith("de")) {
      return concept.getDisplay();
    }
    return concept.getDesignation().stream()
        .filter(d -> d.getLanguage() != null && language.startsWith(d.getLanguage()))
        .map(ConceptDefinitionDesignationComponent::getValue)
        .findFirst()
        .orElse(concept.getDisplay());
  }

  private static CodingConceptProperty codingProperty(String name, Coding coding) {
    return new CodingConceptProperty(
        name, coding.getSystem(), coding.getCode(), coding.getDisplay());
  }

  private static List<BaseConceptProperty> filter(
      List<BaseConceptProperty> properties, Collection<String> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      return properties;
    }
    return new ArrayList<>(
        properties.stream().filter(p -> wanted.contains(p.getPropertyName())).toList());
  }
}
