package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObdsMapperTest {

  static final String DKTK = "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/";
  static final String PROFILE = "https://ccp-fhir.org/fhir/StructureDefinition/";

  static ObdsMapper mapper;
  static Bundle bundle;

  @BeforeAll
  static void map() throws Exception {
    mapper = new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("TEST")));
    try (InputStream in = ObdsMapperTest.class.getResourceAsStream("/obds/full-case.xml")) {
      MappedFile file = mapper.map(in, "full-case.xml");
      assertThat(file.patients()).isEqualTo(1);
      assertThat(file.messages()).isEqualTo(7);
      bundle = file.bundles().get(0);
    }
  }

  static <T extends Resource> List<T> all(Class<T> type) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  static List<Observation> observations(String profile) {
    return all(Observation.class).stream()
        .filter(o -> o.getMeta().hasProfile(PROFILE + profile))
        .toList();
  }

  static Coding coding(CodeableConcept cc, String system) {
    return cc.getCoding().stream()
        .filter(c -> c.getSystem().equals(system))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no coding of " + system));
  }

  @Test
  void everyEntryIsAPutWithTheResourcesOwnId() {
    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
      assertThat(e.getRequest().getUrl())
          .isEqualTo(e.getResource().fhirType() + "/" + e.getResource().getIdPart());
    }
  }

  @Test
  void patientCarriesIdatForTheLocalPatientList() {
    Patient p = all(Patient.class).get(0);
    assertThat(p.getNameFirstRep().getFamily()).isEqualTo("Musterfrau");
    assertThat(p.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Erika Johanna");
    assertThat(p.getName()).hasSize(2);
    assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1961-08-12");
    assertThat(p.getGender()).isEqualTo(AdministrativeGender.FEMALE);
    assertThat(p.getAddressFirstRep().getPostalCode()).isEqualTo("51147");
    assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2025-05-03");
  }

  @Test
  void conditionMergesTumourAssignmentAndDiagnosis() {
    List<Condition> conditions = all(Condition.class);
    assertThat(conditions).hasSize(1);
    Condition c = conditions.get(0);
    Coding icd = c.getCode().getCodingFirstRep();
    assertThat(icd.getSystem()).isEqualTo("http://fhir.de/CodeSystem/bfarm/icd-10-gm");
    assertThat(icd.getCode()).isEqualTo("C50.4");
    assertThat(icd.getVersion()).isEqualTo("2024");
    assertThat(coding(c.getBodySiteFirstRep(), "urn:oid:2.16.840.1.113883.6.43.1").getCode())
        .isEqualTo("C50.4");
    assertThat(coding(c.getBodySiteFirstRep(), DKTK + "SeitenlokalisationCS").getCode())
        .isEqualTo("L");
    assertThat(c.getOnsetDateTimeType().getValueAsString()).isEqualTo("2024-02-05");
    assertThat(c.getStage()).hasSize(2);
    assertThat(c.getEvidence()).hasSize(2);
  }

  @Test
  void histologyAndGradingPerReport() {
    List<Observation> hist = observations("mds-observation-histology");
    assertThat(hist).hasSize(2);
    assertThat(hist.get(0).getValueCodeableConcept().getCodingFirstRep().getCode())
        .isEqualTo("8500/3");
    List<Observation> grading = observations("mds-observation-grading");
    assertThat(grading)
        .extracting(o -> o.getValueCodeableConcept().getCodingFirstRep().getCode())
        .containsExactly("2", "3");
    assertThat(hist.get(1).getHasMemberFirstRep().getReference())
        .isEqualTo("Observation/" + grading.get(1).getIdPart());
  }

  @Test
  void clinicalTnmWithPrefixes() {
    Observation c = observations("mds-observation-tnmc").get(0);
    assertThat(c.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("IV");
    assertThat(c.getMethod().getCodingFirstRep().getCode()).isEqualTo("8");
    assertThat(c.getComponent()).hasSize(3);
    Observation.ObservationComponentComponent t = c.getComponent().get(0);
    assertThat(t.getCode().getCodingFirstRep().getCode()).isEqualTo("21905-5");
    assertThat(t.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("2");
    assertThat(
            ((CodeableConcept) t.getExtensionFirstRep().getValue()).getCodingFirstRep().getCode())
        .isEqualTo("c");
  }

  @Test
  void pathologicalTnmWithSymbols() {
    Observation p = observations("mds-observation-tnmp").get(0);
    assertThat(p.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-07-12");
    assertThat(p.getComponent())
        .extracting(
            comp ->
                comp.getCode().getCodingFirstRep().getCode()
                    + "="
                    + comp.getValueCodeableConcept().getCodingFirstRep().getCode())
        .containsExactly("21899-0=1c", "21900-6=1(sn)", "21901-4=1", "59479-6=y", "42030-7=m");
  }

  @Test
  void distantMetastasesFromDiagnosisAndFollowUp() {
    List<Observation> fm = observations("mds-observation-distant-metastasis");
    assertThat(fm)
        .extracting(
            o ->
                o.getBodySite().getCodingFirstRep().getCode()
                    + "@"
                    + o.getEffectiveDateTimeType().getValueAsString())
        .containsExactly("OSS@2024-02", "HEP@2025-01-20");
  }

  @Test
  void surgeryWithIntentionOpsAndResidualStatus() {
    Procedure op =
        all(Procedure.class).stream()
            .filter(p -> p.getMeta().hasProfile(PROFILE + "mds-procedure-surgery"))
            .findFirst()
            .orElseThrow();
    assertThat(
            ((CodeableConcept) op.getExtension().get(0).getValue()).getCodingFirstRep().getCode())
        .isEqualTo("P");
    assertThat(op.getCode().getCodingFirstRep().getCode()).isEqualTo("5-870.a2");
    assertThat(coding(op.getOutcome(), DKTK + "LokaleBeurteilungResidualstatusCS").getCode())
        .isEqualTo("R0");
    assertThat(coding(op.getOutcome(), DKTK + "GesamtbeurteilungResidualstatusCS").getCode())
        .isEqualTo("R2");
  }

  @Test
  void radiotherapySpansAllSessions() {
    Procedure st =
        all(Procedure.class).stream()
            .filter(p -> p.getMeta().hasProfile(PROFILE + "mds-procedure-radiotherapy"))
            .findFirst()
            .orElseThrow();
    assertThat(st.getPerformedPeriod().getStartElement().getValueAsString())
        .isEqualTo("2024-08-05");
    assertThat(st.getPerformedPeriod().getEndElement().getValueAsString()).isEqualTo("2024-09-12");
    assertThat(st.getExtension())
        .extracting(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode())
        .containsExactly("A", "K");
  }

  @Test
  void systemicTherapy() {
    MedicationStatement ms = all(MedicationStatement.class).get(0);
    assertThat(ms.getCategory().getCodingFirstRep().getCode()).isEqualTo("CH");
    assertThat(ms.getMedicationCodeableConcept().getText()).isEqualTo("Epirubicin");
    assertThat(ms.getMedicationCodeableConcept().getCodingFirstRep().getCode())
        .isEqualTo("L01CD01");
    assertThat(ms.getEffectivePeriod().getEndElement().getValueAsString()).isEqualTo("2024-06-15");
    assertThat(ms.getExtension())
        .extracting(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode())
        .containsExactly("N", "P");
  }

  @Test
  void followUpWithFourStatusFindingsAndVitalStatus() {
    ClinicalImpression ci = all(ClinicalImpression.class).get(0);
    assertThat(ci.getFinding()).hasSize(4);
    assertThat(
            observations("mds-observation-overall-tumor-status")
                .get(0)
                .getValueCodeableConcept()
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("P");
    Observation vital = observations("mds-observation-vital-status").get(0);
    assertThat(vital.getValueCodeableConcept().getCodingFirstRep().getCode())
        .isEqualTo("verstorben");
    assertThat(vital.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2025-05-03");
  }

  @Test
  void samplesWithParent() {
    List<Specimen> specimens = all(Specimen.class);
    assertThat(specimens).hasSize(2);
    assertThat(specimens.get(0).getType().getCodingFirstRep().getCode()).isEqualTo("tissue-ffpe");
    Specimen derived = specimens.get(1);
    assertThat(derived.getParentFirstRep().getReference())
        .isEqualTo("Specimen/" + specimens.get(0).getIdPart());
    assertThat(derived.getIdentifier())
        .extracting(i -> i.getSystem() + "|" + i.getValue())
        .containsExactly(
            "https://ccp-fhir.org/fhir/sid/TEST-sample|S-2",
            "http://dktk.dkfz.de/fhir/sid/exliquid-specimen|S-2");
    assertThat(derived.getCollection().getQuantity().getValue()).isEqualByComparingTo("2.5");
    assertThat(derived.getCollection().getQuantity().getUnit()).isEqualTo("ug");
  }

  @Test
  void outputValidatesAgainstTheMdsProfiles() {
    MdsCheck.assertValid(bundle);
  }
}
