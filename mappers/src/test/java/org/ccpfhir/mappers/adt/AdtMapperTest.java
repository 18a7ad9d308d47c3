package org.ccpfhir.mappers.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdtMapperTest {

  static final String PROFILE = "https://ccp-fhir.org/fhir/StructureDefinition/";
  static AdtMapper mapper;
  static String xml;
  static Bundle bundle;

  @BeforeAll
  static void map() throws Exception {
    mapper = new AdtMapper(new PatientBundleBuilder(ResourceIds.forSite("TEST")));
    try (InputStream in = AdtMapperTest.class.getResourceAsStream("/adt/full-case.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    MappedFile file = mapper.map(stream(xml), "full-case.xml");
    assertThat(file.patients()).isEqualTo(1);
    assertThat(file.messages()).isEqualTo(3);
    bundle = file.bundles().get(0);
  }

  static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
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

  @Test
  void patientAndDiagnosis() {
    Patient p = all(Patient.class).get(0);
    assertThat(p.getNameFirstRep().getFamily()).isEqualTo("Mustermann");
    assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1955-04-03");
    Condition c = all(Condition.class).get(0);
    assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("C18.7");
    assertThat(c.getCode().getCodingFirstRep().getVersion()).isEqualTo("2023");
    // 00.03.2023: day unknown → month precision
    assertThat(c.getOnsetDateTimeType().getValueAsString()).isEqualTo("2023-03");
    assertThat(c.getBodySiteFirstRep().getCoding())
        .extracting(cd -> cd.getCode())
        .containsExactly("C18.7", "T");
  }

  @Test
  void histologyGradingTnmAndMetastasis() {
    assertThat(
            observations("mds-observation-histology")
                .get(0)
                .getValueCodeableConcept()
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("8140/3");
    assertThat(observations("mds-observation-grading")).hasSize(1);
    Observation c = observations("mds-observation-tnmc").get(0);
    assertThat(c.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("IVA");
    Observation p = observations("mds-observation-tnmp").get(0);
    assertThat(p.getComponent())
        .extracting(comp -> comp.getValueCodeableConcept().getCodingFirstRep().getCode())
        .containsExactly("3", "1b", "r");
    assertThat(observations("mds-observation-distant-metastasis")).hasSize(1);
  }

  @Test
  void therapiesFollowUpAndSample() {
    Procedure op = all(Procedure.class).get(0);
    assertThat(op.getCode().getCodingFirstRep().getCode()).isEqualTo("5-455.41");
    assertThat(op.getCode().getCodingFirstRep().getVersion()).isEqualTo("2023");
    assertThat(op.getOutcome().getCodingFirstRep().getCode()).isEqualTo("R0");
    MedicationStatement ms = all(MedicationStatement.class).get(0);
    assertThat(ms.getMedicationCodeableConcept().getText()).isEqualTo("Oxaliplatin");
    assertThat(ms.getExtension())
        .extracting(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode())
        .containsExactly("A", "P");
    assertThat(observations("mds-observation-overall-tumor-status")).hasSize(1);
    assertThat(
            observations("mds-observation-vital-status")
                .get(0)
                .getValueCodeableConcept()
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("lebend");
    Specimen s = all(Specimen.class).get(0);
    assertThat(s.getType().getCodingFirstRep().getCode()).isEqualTo("tumor-tissue-frozen");
  }

  @Test
  void sameBuildersAsObdsSoIdsOnlyDependOnSourceKeys() throws Exception {
    Bundle again = mapper.map(stream(xml), "again.xml").bundles().get(0);
    assertThat(again.getEntry())
        .extracting(e -> e.getRequest().getUrl())
        .isEqualTo(bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).toList());
  }

  @Test
  void validatesAgainstTheMdsProfiles() {
    MdsCheck.assertValid(bundle);
  }

  @Test
  void badInputIsRejectedWithLineAndRule() throws Exception {
    String bad = xml.replace("<Patienten_Geschlecht>M<", "<Patienten_Geschlecht>Q<");
    MappedFile mapped = mapper.map(stream(bad), "bad.xml");
    assertThat(mapped.mapped()).isEmpty();
    assertThat(mapped.refused().get(0).reason().rule()).isEqualTo("cvc-enumeration-valid");
    assertThat(mapped.refused().get(0).reason().detail()).startsWith("line 10, column ");
    MappingException ns =
        catchThrowableOfType(
            () -> mapper.map(stream(xml.replace("http://www.gekid.de/namespace", "urn:x")), "x"),
            MappingException.class);
    assertThat(ns.first().rule()).isEqualTo("wrong-root-element");
  }

  @Test
  void deathReportedInAFollowUpMakesThePatientDeceased() throws Exception {
    String withDeath =
        xml.replace(
            "</Verlauf>",
            "<Tod><Sterbedatum>02.02.2024</Sterbedatum><Tod_tumorbedingt>J</Tod_tumorbedingt>"
                + "</Tod></Verlauf>");
    Bundle b = mapper.map(stream(withDeath), "death.xml").bundles().get(0);
    Patient p = (Patient) b.getEntryFirstRep().getResource();
    assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2024-02-02");
    Observation vital =
        b.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(r -> r.getMeta().hasProfile(PROFILE + "mds-observation-vital-status"))
            .map(Observation.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(vital.getValueCodeableConcept().getCodingFirstRep().getCode())
        .isEqualTo("verstorben");
    MdsCheck.assertValid(b);
  }

  @Test
  void therapyOfATumourWithoutDiagnosisInThisFileStillPointsAtItsCondition() throws Exception {
    String onlySurgery =
        xml.replaceAll("(?s)<Meldung Meldung_ID=\"AM-1\".*?</Meldung>", "")
            .replaceAll("(?s)<Meldung Meldung_ID=\"AM-3\".*?</Meldung>", "")
            .replaceAll(
                "(?s)<Tumorzuordnung Tumor_ID=\"1\">.*?</Tumorzuordnung>",
                "<Tumorzuordnung Tumor_ID=\"1\"/>");
    Bundle b = mapper.map(stream(onlySurgery), "op.xml").bundles().get(0);
    assertThat(b.getEntry()).noneMatch(e -> e.getResource() instanceof Condition);
    Procedure op =
        b.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(Procedure.class::isInstance)
            .map(Procedure.class::cast)
            .findFirst()
            .orElseThrow();
    String conditionOfTheFullImport = all(Condition.class).get(0).getIdElement().getIdPart();
    assertThat(op.getReasonReferenceFirstRep().getReference())
        .isEqualTo("Condition/" + conditionOfTheFullImport);
  }

  @Test
  void sampleTypesFromKindAndFixation() {
    assertThat(AdtSamples.sampleMaterialType("Tumorgewebe", "Paraffin(FFPE)"))
        .isEqualTo("tumor-tissue-ffpe");
    assertThat(AdtSamples.sampleMaterialType("Normalgewebe", "Kryo/Frisch (FF)"))
        .isEqualTo("normal-tissue-frozen");
    assertThat(AdtSamples.sampleMaterialType("Serum", null)).isEqualTo("blood-serum");
    assertThat(AdtSamples.sampleMaterialType("Protein", null)).isEqualTo("derivative-other");
  }
}
