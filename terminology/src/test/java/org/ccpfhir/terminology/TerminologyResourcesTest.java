package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.junit.jupiter.api.Test;

class TerminologyResourcesTest {

  private static final Path DIR = Path.of("src/main/resources/ccp-terminology");

  private final CcpTerminology terminology = CcpTerminology.get();

  @Test
  void indexListsExactlyTheResourceFiles() throws IOException {
    List<String> files;
    try (Stream<Path> paths = Files.list(DIR)) {
      files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
    }
    assertThat(CcpTerminology.readIndex()).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void everyFileParsesStrictly() throws IOException {
    IParser parser = FhirContext.forR4Cached().newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    for (String file : CcpTerminology.readIndex()) {
      String json = Files.readString(DIR.resolve(file));
      var resource = parser.parseResource(json);
      assertThat(file).startsWith(resource.fhirType() + "-" + resource.getIdElement().getIdPart());
    }
  }

  @Test
  void shippedCodeSystemsAreTheDocumentedOnes() {
    Set<String> urls = new HashSet<>();
    terminology.codeSystems().forEach(cs -> urls.add(cs.getUrl()));
    assertThat(urls).containsExactlyInAnyOrderElementsOf(CodeSystems.SHIPPED);
  }

  @Test
  void codeSystemsAreActiveCompleteAndConsistent() {
    for (CodeSystem cs : terminology.codeSystems()) {
      assertThat(cs.getStatus()).as(cs.getUrl()).isEqualTo(PublicationStatus.ACTIVE);
      // complete everywhere: a required binding to a fragment cannot be checked by the HL7
      // validator (TNMmSymbolCS lists every code of the oBDS pattern)
      assertThat(cs.getContent().toCode()).as(cs.getUrl()).isEqualTo("complete");
      List<ConceptDefinitionComponent> all = flatten(cs.getConcept());
      Set<String> distinct = new HashSet<>();
      all.forEach(
          c -> assertThat(distinct.add(c.getCode())).as("duplicate " + c.getCode()).isTrue());
      assertThat(cs.getCount()).as(cs.getUrl()).isEqualTo(all.size());
      assertThat(cs.getValueSet()).isEqualTo(ValueSets.allCodesOf(cs.getUrl()));
      for (ConceptDefinitionComponent concept : all) {
        assertThat(concept.getDisplay()).as(cs.getUrl() + "#" + concept.getCode()).isNotBlank();
        assertThat(concept.getDesignation())
            .as("English designation of " + concept.getCode())
            .anyMatch(d -> "en".equals(d.getLanguage()) && !d.getValue().isBlank());
      }
    }
  }

  @Test
  void everyCodeSystemHasAnAllCodesValueSet() {
    for (CodeSystem cs : terminology.codeSystems()) {
      ValueSet vs = terminology.valueSet(ValueSets.allCodesOf(cs.getUrl())).orElseThrow();
      assertThat(vs.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
      assertThat(vs.getCompose().getInclude())
          .singleElement()
          .satisfies(include -> assertThat(include.getSystem()).isEqualTo(cs.getUrl()));
    }
  }

  @Test
  void everyValueSetCodeExistsInItsCodeSystem() {
    for (ValueSet vs : terminology.valueSets()) {
      for (ConceptSetComponent include : vs.getCompose().getInclude()) {
        boolean external =
            include.getSystem().equals(CodeSystems.ICD10_GM)
                || include.getSystem().equals(CodeSystems.ICDO3);
        assertThat(external || terminology.isShipped(include.getSystem()))
            .as(vs.getUrl() + " includes " + include.getSystem())
            .isTrue();
        assertThat(external == include.hasFilter()).as(vs.getUrl()).isTrue();
        include
            .getConcept()
            .forEach(
                c ->
                    assertThat(terminology.concept(include.getSystem(), c.getCode()))
                        .as(vs.getUrl() + " " + c.getCode())
                        .isPresent());
      }
    }
  }

  @Test
  void valueSetConstantsResolve() throws IllegalAccessException {
    for (var field : ValueSets.class.getFields()) {
      if (field.getType() == String.class && !field.getName().equals("BASE")) {
        String url = (String) field.get(null);
        assertThat(terminology.valueSet(url)).as(field.getName()).isPresent();
      }
    }
  }

  @Test
  void conceptMapTargetsExistAndCoverChapter2() {
    ConceptMap map = terminology.conceptMap(ConceptMaps.ICD10_TO_TUMOR_ENTITY).orElseThrow();
    assertThat(map.getGroup()).singleElement();
    var group = map.getGroupFirstRep();
    assertThat(group.getSource()).isEqualTo(CodeSystems.ICD10_GM);
    assertThat(group.getTarget()).isEqualTo(CodeSystems.TUMOR_ENTITY);
    Set<String> sources = new HashSet<>();
    Set<String> usedTargets = new HashSet<>();
    for (var element : group.getElement()) {
      assertThat(sources.add(element.getCode())).as("duplicate " + element.getCode()).isTrue();
      assertThat(element.getCode()).matches("[CD][0-9]{2}");
      assertThat(Icd10Gm.isChapter2(element.getCode())).isTrue();
      assertThat(element.getTarget()).singleElement();
      String target = element.getTargetFirstRep().getCode();
      assertThat(terminology.display(CodeSystems.TUMOR_ENTITY, target))
          .as(element.getCode() + " -> " + target)
          .contains(element.getTargetFirstRep().getDisplay());
      usedTargets.add(target);
    }
    assertThat(sources).contains("C00", "C50", "C97", "D00", "D48").doesNotContain("C27", "D08");
    assertThat(sources).hasSize(89 + 48);
    assertThat(usedTargets)
        .containsExactlyInAnyOrderElementsOf(terminology.codes(CodeSystems.TUMOR_ENTITY));
  }

  @Test
  void publicGettersReturnCopies() {
    terminology.codeSystem(CodeSystems.GRADING).orElseThrow().getConcept().clear();
    assertThat(terminology.codes(CodeSystems.GRADING)).contains("1", "X");
    assertThat(terminology.codeSystem(CodeSystems.GRADING).orElseThrow().getConcept()).isNotEmpty();
  }

  @Test
  void canonicalUrlsWithVersionSuffixResolve() {
    assertThat(terminology.codeSystem(CodeSystems.GRADING + "|0.1.0")).isPresent();
    assertThat(terminology.parent(CodeSystems.SAMPLE_MATERIAL_TYPE, "tumor-tissue-ffpe"))
        .contains("tissue-ffpe");
    assertThat(terminology.allResources()).hasSize(CcpTerminology.readIndex().size());
  }

  private static List<ConceptDefinitionComponent> flatten(List<ConceptDefinitionComponent> level) {
    List<ConceptDefinitionComponent> all = new ArrayList<>();
    for (ConceptDefinitionComponent concept : level) {
      all.add(concept);
      all.addAll(flatten(concept.getConcept()));
    }
    return all;
  }
}
