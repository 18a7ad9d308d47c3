package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our support inside the chain the profiles module and the bridgehead use. */
class InstanceValidatorChainTest {

  private static final FhirContext CONTEXT = FhirContext.forR4Cached();
  private static ValidationSupportChain chain;
  private static FhirValidator validator;

  @BeforeAll
  static void setUp() {
    chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(CONTEXT),
            new CcpTerminologyValidationSupport(CONTEXT),
            new InMemoryTerminologyServerValidationSupport(CONTEXT),
            new CommonCodeSystemsTerminologyService(CONTEXT));
    validator = CONTEXT.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
  }

  @Test
  void validGradingCodePassesTheInstanceValidator() {
    List<SingleValidationMessage> errors = errors(grading("3"));
    assertThat(errors).isEmpty();
  }

  @Test
  void unknownGradingCodeIsAnError() {
    List<SingleValidationMessage> errors = errors(grading("9"));
    assertThat(errors).isNotEmpty();
    assertThat(errors).anyMatch(m -> m.getMessage().contains("9"));
  }

  @Test
  void icd10GmCodesAreFormatChecked() {
    assertThat(errors(diagnosis("C50.9"))).isEmpty();
    List<SingleValidationMessage> errors = errors(diagnosis("C50.-"));
    assertThat(errors).anyMatch(m -> m.getMessage().contains("catalogue heading"));
  }

  @Test
  void sampleMaterialTypeIsValidated() {
    Specimen good = new Specimen();
    good.setType(
        new CodeableConcept(new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, "whole-blood", null)));
    assertThat(errors(good)).isEmpty();
    Specimen bad = new Specimen();
    bad.setType(new CodeableConcept(new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, "blood", null)));
    assertThat(errors(bad)).isNotEmpty();
  }

  @Test
  void chainAnswersValidateCodeLookupAndTranslate() {
    ValidationSupportContext context = new ValidationSupportContext(chain);
    ConceptValidationOptions options = new ConceptValidationOptions();
    assertThat(chain.validateCode(context, options, CodeSystems.GRADING, "2", null, null).isOk())
        .isTrue();
    assertThat(chain.validateCode(context, options, CodeSystems.GRADING, "7", null, null).isOk())
        .isFalse();
    assertThat(
            chain
                .validateCode(context, options, CodeSystems.GRADING, "H", null, ValueSets.GRADING)
                .isOk())
        .isTrue();
    assertThat(
            chain
                .validateCode(
                    context,
                    options,
                    CodeSystems.ICD10_GM,
                    "C34.1",
                    null,
                    ValueSets.ICD10GM_CHAPTER2)
                .isOk())
        .isTrue();
    assertThat(
            chain
                .validateCode(
                    context, options, CodeSystems.ICD10_GM, "I10", null, ValueSets.ICD10GM_CHAPTER2)
                .isOk())
        .isFalse();
    assertThat(
            chain
                .lookupCode(
                    context,
                    new ca.uhn.fhir.context.support.LookupCodeRequest(CodeSystems.LATERALITY, "R"))
                .getCodeDisplay())
        .isEqualTo("Rechts");
    var translation =
        chain.translateConcept(
            new ca.uhn.fhir.context.support.IValidationSupport.TranslateCodeRequest(
                List.of(new Coding(CodeSystems.ICD10_GM, "C50.9", null)),
                CodeSystems.TUMOR_ENTITY));
    assertThat(translation.getResults()).extracting(r -> r.getCode()).containsExactly("breast");
  }

  private static Observation grading(String code) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding(new Coding(CodeSystems.LOINC, "59542-1", null));
    observation.setValue(new CodeableConcept(new Coding(CodeSystems.GRADING, code, null)));
    return observation;
  }

  private static Condition diagnosis(String icd10) {
    Condition condition = new Condition();
    condition.getSubject().setReference("Patient/p1");
    condition.setCode(new CodeableConcept(new Coding(CodeSystems.ICD10_GM, icd10, null)));
    return condition;
  }

  private static List<SingleValidationMessage> errors(IBaseResource resource) {
    ValidationResult result = validator.validateWithResult(resource);
    return result.getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }
}
