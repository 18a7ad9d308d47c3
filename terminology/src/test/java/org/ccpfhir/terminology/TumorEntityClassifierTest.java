package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TumorEntityClassifierTest {

  private final TumorEntityClassifier classifier = TumorEntityClassifier.standard();

  @ParameterizedTest
  @CsvSource({
    "C50.9, breast",
    "C50, breast",
    "C18.7, colorectal",
    "C20, colorectal",
    "C34.1, lung",
    "C43.4, melanoma",
    "C61, prostate",
    "C71.9, brain-cns",
    "C83.30, non-hodgkin-lymphoma",
    "C92.00, leukaemia",
    "D05.1, in-situ",
    "D12.6, benign",
    "D47.1, uncertain"
  })
  void classifiesByCategory(String icd10, String entity) {
    Coding coding = classifier.classify(icd10).orElseThrow();
    assertThat(coding.getSystem()).isEqualTo(CodeSystems.TUMOR_ENTITY);
    assertThat(coding.getCode()).isEqualTo(entity);
    assertThat(coding.getDisplay()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"E11.9", "C27", "D08", "D50.0", "C50.-", "c50.9", ""})
  void unmappedOrMalformedCodesHaveNoEntity(String icd10) {
    assertThat(classifier.classify(icd10)).isEmpty();
  }

  @Test
  void classifiesCodingsOfIcd10GmOnly() {
    assertThat(classifier.classify(new Coding(CodeSystems.ICD10_GM, "C50.9", null)))
        .map(Coding::getCode)
        .contains("breast");
    assertThat(
            classifier.classify(
                new Coding("http://fhir.de/CodeSystem/dimdi/icd-10-gm", "C61", null)))
        .map(Coding::getCode)
        .contains("prostate");
    assertThat(classifier.classify(new Coding(CodeSystems.ICDO3, "C50.9", null))).isEmpty();
    CodeableConcept concept =
        new CodeableConcept()
            .addCoding(new Coding(CodeSystems.ICDO3, "C50.9", null))
            .addCoding(new Coding(CodeSystems.ICD10_GM, "C18.7", null));
    assertThat(classifier.classify(concept)).map(Coding::getCode).contains("colorectal");
  }

  @Test
  void returnedCodingsAreCopies() {
    classifier.classify("C50.9").orElseThrow().setCode("changed");
    assertThat(classifier.classify("C50.9").orElseThrow().getCode()).isEqualTo("breast");
  }

  @Test
  void listsCategoriesOfAGroup() {
    assertThat(classifier.categoriesOf("colorectal")).containsExactly("C18", "C19", "C20", "C21");
    assertThat(classifier.categoriesOf("unknown")).isEmpty();
  }
}
