package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;

class ProfileSelectorTest {

  private static final String THERAPY = ProfileSelector.THERAPY_TYPE_CS;

  private final ProfileSelector selector = new ProfileSelector();

  @Test
  void ourProfilesInMetaAreTakenAsTheyAre() {
    Observation observation = loinc("59542-1");
    observation.getMeta().addProfile(MdsProfiles.GRADING + "|0.1.0");
    observation.getMeta().addProfile(MdsProfiles.DKTK_BASE + "onco-core-Observation-Histologie");

    assertThat(selector.select(observation)).containsExactly(MdsProfiles.GRADING);
  }

  @Test
  void dktkProfilesAreMapped() {
    Patient patient = new Patient();
    patient.getMeta().addProfile(MdsProfiles.DKTK_BASE + "onco-core-Patient-Patient");

    assertThat(selector.select(patient)).containsExactly(MdsProfiles.PATIENT);
  }

  @Test
  void tnmDeclaredAsClinicalAndPathologicalAtOnceIsDecidedByItsLoincCode() {
    Observation tnm = loinc("21902-2");
    tnm.getMeta().addProfile(MdsProfiles.DKTK_BASE + "onco-core-Observation-TNMp");
    tnm.getMeta().addProfile(MdsProfiles.DKTK_BASE + "onco-core-Observation-TNMc");

    assertThat(selector.select(tnm)).containsExactly(MdsProfiles.TNM_PATHOLOGICAL);
  }

  @Test
  void unknownProfilesFallBackToTheShape() {
    Observation observation = loinc("75186-7");
    observation.getMeta().addProfile("https://example.org/StructureDefinition/other");

    assertThat(selector.select(observation)).containsExactly(MdsProfiles.VITAL_STATUS);
  }

  @Test
  void observationsAreRecognisedByLoincCode() {
    assertThat(selector.select(loinc("59847-4"))).containsExactly(MdsProfiles.HISTOLOGY);
    assertThat(selector.select(loinc("21908-9"))).containsExactly(MdsProfiles.TNM_CLINICAL);
    assertThat(selector.select(loinc("84892-9"))).containsExactly(MdsProfiles.RESIDUAL_STATUS);
    assertThat(selector.select(loinc("81169-5"))).containsExactly(MdsProfiles.RESIDUAL_STATUS);
    assertThat(selector.select(loinc("LA4226-2"))).containsExactly(MdsProfiles.METASTASIS_STATUS);
  }

  @Test
  void widerDataSetObservationsAreBaseR4Only() {
    assertThat(selector.select(loinc("21893-3"))).isEmpty();
    assertThat(selector.select(loinc("69548-6"))).isEmpty();
    Observation otherSystem = new Observation();
    otherSystem.getCode().addCoding(new Coding("http://snomed.info/sct", "371508000", null));
    assertThat(selector.select(otherSystem)).isEmpty();
  }

  @Test
  void proceduresAreRecognisedByTherapyType() {
    assertThat(selector.select(procedure("OP"))).containsExactly(MdsProfiles.SURGERY);
    assertThat(selector.select(procedure("ST"))).containsExactly(MdsProfiles.RADIOTHERAPY);
    assertThat(selector.select(procedure("CH"))).isEmpty();
    assertThat(selector.select(new Procedure())).isEmpty();
  }

  @Test
  void medicationStatementsNeedATherapyType() {
    MedicationStatement systemic = new MedicationStatement();
    systemic.setCategory(new CodeableConcept(new Coding(THERAPY, "HO", null)));

    assertThat(selector.select(systemic)).containsExactly(MdsProfiles.SYSTEMIC_THERAPY);
    assertThat(selector.select(new MedicationStatement())).isEmpty();
  }

  @Test
  void conditionsNeedAnIcd10GmCode() {
    Condition diagnosis = new Condition();
    diagnosis.getCode().addCoding(new Coding(ProfileSelector.ICD10_GM, "C50.4", null));
    Condition other = new Condition();
    other.getCode().addCoding(new Coding("http://snomed.info/sct", "254837009", null));

    assertThat(selector.select(diagnosis)).containsExactly(MdsProfiles.PRIMARY_DIAGNOSIS);
    assertThat(selector.select(other)).isEmpty();
  }

  @Test
  void resourceTypesOutsideTheMdsAreBaseR4Only() {
    assertThat(selector.select(new Encounter())).isEmpty();
  }

  private static Observation loinc(String code) {
    Observation observation = new Observation();
    observation.getCode().addCoding(new Coding(ProfileSelector.LOINC, code, null));
    return observation;
  }

  private static Procedure procedure(String therapyType) {
    Procedure procedure = new Procedure();
    procedure.getCategory().addCoding(new Coding(THERAPY, therapyType, null));
    return procedure;
  }
}
