package org.ccpfhir.mappers.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

class MdsMinimiserTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final MdsMinimiser minimiser = new MdsMinimiser(FHIR);

  static Patient patient() {
    Patient patient = new Patient();
    patient.setId("Patient/4711");
    patient.getMeta().addProfile("https://ccp-fhir.org/fhir/StructureDefinition/mds-patient");
    patient.getMeta().setVersionId("7").setSource("#etl");
    patient
        .addIdentifier()
        .setSystem("https://ccp-fhir.org/fhir/sid/pseudonym/BK-HD-L")
        .setValue("BK0000001");
    patient.addName().setFamily("Mustermann").addGiven("Erika");
    patient.addAddress().setCity("Heidelberg");
    patient.addTelecom().setValue("0621 000");
    patient.setGender(AdministrativeGender.FEMALE);
    patient.setBirthDateElement(new DateType("1961-04-23"));
    patient.setDeceased(new DateTimeType("2020-02-02"));
    return patient;
  }

  static Condition condition() {
    Condition condition = new Condition();
    condition.setId("Condition/c-9");
    condition.addIdentifier().setValue("tumour-7");
    condition
        .getCode()
        .addCoding()
        .setSystem("http://fhir.de/CodeSystem/bfarm/icd-10-gm")
        .setCode("C50.4");
    condition.setSubject(new Reference("Patient/4711").setDisplay("Erika Mustermann"));
    condition.setAsserter(new Reference("Practitioner/dr-x"));
    condition.addNote().setText("Patientin Erika M. berichtet ...");
    condition.setOnset(new DateTimeType("2019-05-02"));
    return condition;
  }

  static Observation histology() {
    Observation observation = new Observation();
    observation.setId("Observation/o-1");
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("59847-4");
    observation.setSubject(new Reference("Patient/4711"));
    observation.setFocus(List.of(new Reference("Condition/c-9")));
    return observation;
  }

  @Test
  void keepsOnlyDataSetElements() {
    Specimen specimen = new Specimen();
    specimen.setId("Specimen/s-1");
    specimen.addIdentifier().setValue("BIOBANK-123");
    specimen.setSubject(new Reference("Patient/4711"));
    Consent consent = new Consent();
    consent.setId("Consent/k-1");

    Bundle bundle =
        minimiser.minimise(
            patient(), List.<Resource>of(histology(), consent, specimen, condition()));
    String json = FHIR.newJsonParser().encodeResourceToString(bundle);

    assertThat(json)
        .doesNotContain("Mustermann", "Erika", "Heidelberg", "0621", "BK0000001", "BK-HD-L")
        .doesNotContain("1961-04-23", "2020-02-02", "tumour-7", "BIOBANK-123", "Practitioner")
        .doesNotContain("4711", "c-9", "o-1", "Consent", "#etl");
    Patient patient = (Patient) bundle.getEntry().get(0).getResource();
    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1961-04");
    assertThat(patient.getDeceasedBooleanType().booleanValue()).isTrue();
    assertThat(patient.getMeta().getProfile()).hasSize(1);
    assertThat(bundle.getEntry())
        .extracting(e -> e.getResource().getIdElement().getValue())
        .containsExactly("Patient/1", "Condition/2", "Observation/3", "Specimen/4");
    Condition condition = (Condition) bundle.getEntry().get(1).getResource();
    assertThat(condition.getSubject().getReference()).isEqualTo("Patient/1");
    assertThat(condition.getOnsetDateTimeType().getValueAsString()).isEqualTo("2019-05-02");
    assertThat(condition.hasAsserter()).isFalse();
    Observation observation = (Observation) bundle.getEntry().get(2).getResource();
    assertThat(observation.getFocusFirstRep().getReference()).isEqualTo("Condition/2");
  }

  @Test
  void theSameDataGivesTheSameBytesWhateverTheOrder() {
    String one =
        FHIR.newJsonParser()
            .encodeResourceToString(
                minimiser.minimise(patient(), List.of(condition(), histology())));
    String two =
        FHIR.newJsonParser()
            .encodeResourceToString(
                minimiser.minimise(patient(), List.of(histology(), condition())));
    assertThat(one).isEqualTo(two);
    Condition changed = condition();
    changed.getCode().getCodingFirstRep().setCode("C50.5");
    assertThat(
            FHIR.newJsonParser()
                .encodeResourceToString(
                    minimiser.minimise(patient(), List.of(changed, histology()))))
        .isNotEqualTo(one);
  }
}
