package org.ccpfhir.terminology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccpfhir.terminology.SampleMaterialType.Fixation;
import org.ccpfhir.terminology.SampleMaterialType.Kind;
import org.ccpfhir.terminology.SampleMaterialType.Origin;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.Coding;

/**
 * The sample material types with kind, fixation and tumour/normal origin, read from the properties
 * of the shipped SampleMaterialType CodeSystem (one source of truth).
 */
public final class SampleMaterialTypes {

  private final Map<String, SampleMaterialType> types;

  public SampleMaterialTypes(CcpTerminology terminology) {
    Map<String, SampleMaterialType> byCode = new LinkedHashMap<>();
    for (String code : terminology.codes(CodeSystems.SAMPLE_MATERIAL_TYPE)) {
      ConceptDefinitionComponent concept =
          terminology.findConcept(CodeSystems.SAMPLE_MATERIAL_TYPE, code);
      byCode.put(code, toType(concept));
    }
    this.types = Collections.unmodifiableMap(byCode);
  }

  /** Sample material types over the shared {@link CcpTerminology}. */
  public static SampleMaterialTypes standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    private static final SampleMaterialTypes INSTANCE =
        new SampleMaterialTypes(CcpTerminology.get());
  }

  public Optional<SampleMaterialType> get(String code) {
    return Optional.ofNullable(code == null ? null : types.get(code));
  }

  public Optional<SampleMaterialType> get(Coding coding) {
    if (coding == null
        || !CodeSystems.SAMPLE_MATERIAL_TYPE.equals(CodeSystems.stripVersion(coding.getSystem()))) {
      return Optional.empty();
    }
    return get(coding.getCode());
  }

  public List<SampleMaterialType> all() {
    return new ArrayList<>(types.values());
  }

  /**
   * The SampleMaterialType code for an ADT/GEKID 2.x {@code Menge_Biomaterial} entry (Probentyp,
   * Probenart, Fixierungsart as written in the XSD; each may be null).
   */
  public Optional<String> fromAdtGekid(String probentyp, String probenart, String fixierungsart) {
    String fixation = fixationOf(fixierungsart);
    if (probenart != null && !probenart.isBlank()) {
      return switch (probenart.strip()) {
        case "Tumorgewebe" -> Optional.of(tissue("tumor-tissue-", fixation));
        case "Normalgewebe" -> Optional.of(tissue("normal-tissue-", fixation));
        case "Vollblut" -> Optional.of("whole-blood");
        case "Serum" -> Optional.of("blood-serum");
        case "Plasma" -> Optional.of("plasma-edta");
        case "Urin" -> Optional.of("urine");
        case "Liquor" -> Optional.of("csf-liquor");
        case "Knochenmark" -> Optional.of("bone-marrow");
        case "DNA" -> Optional.of("dna");
        case "RNA" -> Optional.of("rna");
        case "Protein" -> Optional.of("derivative-other");
        default -> Optional.empty();
      };
    }
    if ("Gewebeprobe".equals(probentyp)) {
      return Optional.of(tissue("tissue-", fixation));
    }
    if ("Flüssigprobe".equals(probentyp)) {
      return Optional.of("liquid-other");
    }
    return Optional.empty();
  }

  private static String fixationOf(String fixierungsart) {
    if (fixierungsart == null) {
      return null;
    }
    if (fixierungsart.startsWith("Paraffin")) {
      return "ffpe";
    }
    return fixierungsart.startsWith("Kryo") ? "frozen" : null;
  }

  // Tissue of unknown fixation has no tumour/normal variant in the BBMRI list.
  private static String tissue(String prefix, String fixation) {
    return fixation == null ? "tissue-other" : prefix + fixation;
  }

  private static SampleMaterialType toType(ConceptDefinitionComponent concept) {
    return new SampleMaterialType(
        concept.getCode(),
        designation(concept, "de"),
        designation(concept, "en"),
        SampleMaterialType.enumOf(Kind.class, property(concept, "kind")),
        SampleMaterialType.enumOf(Fixation.class, property(concept, "fixation")),
        SampleMaterialType.enumOf(Origin.class, property(concept, "origin")));
  }

  private static String property(ConceptDefinitionComponent concept, String name) {
    return concept.getProperty().stream()
        .filter(p -> name.equals(p.getCode()))
        .map(ConceptPropertyComponent::getValue)
        .map(v -> v.primitiveValue())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException("Property " + name + " missing on " + concept.getCode()));
  }

  // the display is BBMRI.de's own (the code system is published at its URL); ours are designations
  private static String designation(ConceptDefinitionComponent concept, String language) {
    return concept.getDesignation().stream()
        .filter(d -> language.equals(d.getLanguage()))
        .map(ConceptDefinitionDesignationComponent::getValue)
        .findFirst()
        .orElse(concept.getDisplay());
  }
}
