package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Required bindings to our ValueSets, as the profiles module will declare them. */
class ProfileBindingTest {

  private static final FhirContext CONTEXT = FhirContext.forR4Cached();
  private static final String GRADING_PROFILE = "https://example.org/StructureDefinition/grading";
  private static final String DIAGNOSIS_PROFILE =
      "https://example.org/StructureDefinition/diagnosis";
  private static FhirValidator validator;

  @BeforeAll
  static void setUp() {
    PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(CONTEXT);
    profiles.addStructureDefinition(
        profile("Observation", GRADING_PROFILE, "Observation.value[x]", ValueSets.GRADING));
    profiles.addStructureDefinition(
        profile("Condition", DIAGNOSIS_PROFILE, "Condition.code", ValueSets.ICD10GM_CHAPTER2));
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(CONTEXT),
            profiles,
            new SnapshotGeneratingValidationSupport(CONTEXT),
            new CcpTerminologyValidationSupport(CONTEXT),
            new InMemoryTerminologyServerValidationSupport(CONTEXT),
            new CommonCodeSystemsTerminologyService(CONTEXT));
    validator = CONTEXT.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
  }

  @ParameterizedTest
  @CsvSource({"3, true", "L, true", "9, false", "G2, false"})
  void gradingBoundToGradingVs(String code, boolean valid) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(GRADING_PROFILE);
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding(new Coding(CodeSystems.LOINC, "59542-1", null));
    observation.setValue(new CodeableConcept(new Coding(CodeSystems.GRADING, code, null)));
    assertThat(errors(observation).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"C50.9, true", "D05.1, true", "C83.30, true", "I10, false", "C27.1, false"})
  void diagnosisBoundToIcd10Chapter2(String code, boolean valid) {
    Condition condition = new Condition();
    condition.getMeta().addProfile(DIAGNOSIS_PROFILE);
    condition.getSubject().setReference("Patient/p1");
    condition.setCode(new CodeableConcept(new Coding(CodeSystems.ICD10_GM, code, null)));
    assertThat(errors(condition).isEmpty()).isEqualTo(valid);
  }

  @Test
  void gradingFromAnotherSystemIsRejected() {
    Observation observation = new Observation();
    observation.getMeta().addProfile(GRADING_PROFILE);
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding(new Coding(CodeSystems.LOINC, "59542-1", null));
    observation.setValue(new CodeableConcept(new Coding(CodeSystems.LATERALITY, "L", null)));
    assertThat(errors(observation)).isNotEmpty();
  }

  private static StructureDefinition profile(String type, String url, String path, String vs) {
    StructureDefinition sd = new StructureDefinition();
    sd.setUrl(url);
    sd.setName("Test" + type);
    sd.setStatus(PublicationStatus.ACTIVE);
    sd.setFhirVersion(FHIRVersion._4_0_1);
    sd.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
    sd.setAbstract(false);
    sd.setType(type);
    sd.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/" + type);
    sd.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
    ElementDefinition element = sd.getDifferential().addElement().setPath(path);
    element.setId(path);
    element.getBinding().setStrength(BindingStrength.REQUIRED).setValueSet(vs);
    if (path.endsWith("[x]")) {
      element.addType().setCode("CodeableConcept");
    }
    return sd;
  }

  private static List<SingleValidationMessage> errors(IBaseResource resource) {
    return validator.validateWithResult(resource).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }
}
