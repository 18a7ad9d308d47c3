package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationIssueCoding;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CcpTerminologyValidationSupportTest {

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final CcpTerminologyValidationSupport support =
      new CcpTerminologyValidationSupport(fhirContext);
  private final ValidationSupportContext context = new ValidationSupportContext(support);
  private final ConceptValidationOptions options = new ConceptValidationOptions();

  private CodeValidationResult validate(String system, String code, String display) {
    return support.validateCode(context, options, system, code, display, null);
  }

  private CodeValidationResult validateIn(String valueSet, String system, String code) {
    return support.validateCode(context, options, system, code, null, valueSet);
  }

  @Test
  void everyShippedCodeIsValidAndAnUnknownOneIsNot() {
    CcpTerminology terminology = support.getTerminology();
    for (String system : CodeSystems.SHIPPED) {
      for (String code : terminology.codes(system)) {
        CodeValidationResult result = validate(system, code, null);
        assertThat(result.isOk()).as(system + "#" + code).isTrue();
        assertThat(result.getDisplay()).isEqualTo(terminology.display(system, code).orElseThrow());
        assertThat(validateIn(ValueSets.allCodesOf(system), system, code).isOk()).isTrue();
      }
      CodeValidationResult bad = validate(system, "no-such-code", null);
      assertThat(bad.isOk()).as(system).isFalse();
      assertThat(bad.getSeverity()).isEqualTo(IssueSeverity.ERROR);
      assertThat(bad.getMessage()).contains("no-such-code").contains(system);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/GradingCS, 3, true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/GradingCS, G3, false",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/SeitenlokalisationCS, L, true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/SeitenlokalisationCS, l, false",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/UiccstadiumCS, IIIC1, true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/TNMTCS, is(DCIS), true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/TNMTCS, T2, false",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/TNMmSymbolCS, 12, true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/TNMmSymbolCS, 1, false",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/LokaleBeurteilungResidualstatusCS, R1(cy+), true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/VitalstatusCS, lebend, true",
    "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/VitalstatusCS, alive, false",
    "https://ccp-fhir.org/fhir/CodeSystem/ICD10VersionCS, 10 2024 GM, true",
    "https://fhir.bbmri.de/CodeSystem/SampleMaterialType, tumor-tissue-ffpe, true",
    "https://fhir.bbmri.de/CodeSystem/SampleMaterialType, tumour-tissue-ffpe, false",
    "http://fhir.de/CodeSystem/bfarm/icd-10-gm, C50.9, true",
    "http://fhir.de/CodeSystem/bfarm/icd-10-gm, C50.-, false",
    "urn:oid:2.16.840.1.113883.6.43.1, 8500/3, true",
    "urn:oid:2.16.840.1.113883.6.43.1, C50.9, true",
    "urn:oid:2.16.840.1.113883.6.43.1, 8500/5, false"
  })
  void validatesCodesPerSystem(String system, String code, boolean valid) {
    assertThat(validate(system, code, null).isOk()).isEqualTo(valid);
  }

  @Test
  void malformedExternalCodesExplainWhy() {
    CodeValidationResult result = validate(CodeSystems.ICD10_GM, "C509", null);
    assertThat(result.isOk()).isFalse();
    assertThat(result.getMessage()).contains("dot");
    assertThat(result.getIssues())
        .singleElement()
        .satisfies(
            i -> assertThat(i.getCoding()).isEqualTo(CodeValidationIssueCoding.INVALID_CODE));
  }

  @Test
  void unknownSystemsAreLeftToOtherSupports() {
    assertThat(validate(CodeSystems.LOINC, "59542-1", null)).isNull();
    assertThat(support.isCodeSystemSupported(context, CodeSystems.LOINC)).isFalse();
    assertThat(support.isCodeSystemSupported(context, CodeSystems.ICD10_GM)).isTrue();
    assertThat(support.isCodeSystemSupported(context, CodeSystems.GRADING + "|0.1.0")).isTrue();
    assertThat(validateIn("http://example.org/ValueSet/other", CodeSystems.GRADING, "1")).isNull();
    assertThat(support.isValueSetSupported(context, ValueSets.GRADING)).isTrue();
    assertThat(support.isValueSetSupported(context, "http://example.org/ValueSet/other")).isFalse();
  }

  @Test
  void displayMismatchIsAWarningNotAnError() {
    assertThat(validate(CodeSystems.GRADING, "1", "gut differenziert").getSeverity()).isNull();
    assertThat(validate(CodeSystems.GRADING, "1", "Well differentiated").getSeverity()).isNull();
    CodeValidationResult result = validate(CodeSystems.GRADING, "1", "Schlecht differenziert");
    assertThat(result.isOk()).isTrue();
    assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
    assertThat(result.getMessage()).contains("Gut differenziert");
  }

  @Test
  void validatesValueSetMembership() {
    assertThat(validateIn(ValueSets.GRADING, CodeSystems.GRADING, "X").isOk()).isTrue();
    assertThat(validateIn(ValueSets.GRADING, null, "X").isOk()).as("system inferred").isTrue();
    CodeValidationResult wrongSystem = validateIn(ValueSets.GRADING, CodeSystems.LATERALITY, "L");
    assertThat(wrongSystem.isOk()).isFalse();
    assertThat(wrongSystem.getIssues().get(0).getCoding())
        .isEqualTo(CodeValidationIssueCoding.NOT_IN_VS);
    CodeValidationResult unknown = validateIn(ValueSets.GRADING, CodeSystems.GRADING, "9");
    assertThat(unknown.isOk()).isFalse();
    assertThat(unknown.getMessage()).contains("GradingVS").contains("'9'");
    ValueSet vs = support.getTerminology().valueSet(ValueSets.VITAL_STATUS).orElseThrow();
    assertThat(
            support
                .validateCodeInValueSet(
                    context, options, CodeSystems.VITAL_STATUS, "verstorben", null, vs)
                .isOk())
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2, C50.9, true",
    "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2, D48.9, true",
    "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2, E11.9, false",
    "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2, C27, false",
    "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2, C50.-, false",
    "https://ccp-fhir.org/fhir/ValueSet/icdo3-topography, C50.9, true",
    "https://ccp-fhir.org/fhir/ValueSet/icdo3-topography, 8500/3, false",
    "https://ccp-fhir.org/fhir/ValueSet/icdo3-morphology, 8500/3, true",
    "https://ccp-fhir.org/fhir/ValueSet/icdo3-morphology, C50.9, false"
  })
  void validatesFormatDefinedValueSets(String valueSet, String code, boolean valid) {
    String system = valueSet.contains("icd10") ? CodeSystems.ICD10_GM : CodeSystems.ICDO3;
    CodeValidationResult result = validateIn(valueSet, system, code);
    assertThat(result.isOk()).isEqualTo(valid);
    if (!valid) {
      assertThat(result.getMessage()).contains(valueSet);
    }
    assertThat(validateIn(valueSet, CodeSystems.LOINC, code).isOk()).isFalse();
  }

  @Test
  void rejectsNonR4Contexts() {
    assertThatThrownBy(() -> new CcpTerminologyValidationSupport(FhirContext.forR5Cached()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
