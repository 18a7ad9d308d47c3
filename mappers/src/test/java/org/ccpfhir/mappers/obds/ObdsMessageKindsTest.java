package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pathology report, a second tumour known only from its assignment, no follow-up. */
class ObdsMessageKindsTest {

  static final String PROFILE = "https://ccp-fhir.org/fhir/StructureDefinition/";
  static Bundle bundle;

  static final String PATHOLOGY =
      """
          <Meldung Meldung_ID="PA-1" Melder_ID="MEL-1">
            <Meldebegruendung>I</Meldebegruendung>
            <Eigene_Leistung>J</Eigene_Leistung>
            <Tumorzuordnung Tumor_ID="T-1">
              <Primaertumor_ICD><Code>C18.2</Code><Version>10 2024 GM</Version></Primaertumor_ICD>
              <Diagnosedatum Datumsgenauigkeit="M">2024-05-15</Diagnosedatum>
            </Tumorzuordnung>
            <Pathologie Befund_ID="B-9">
              <Primaertumor_Topographie_ICD_O><Code>C18.2</Code><Version>33</Version></Primaertumor_Topographie_ICD_O>
              <Diagnosesicherung>7</Diagnosesicherung>
              <Histologie>
                <Tumor_Histologiedatum Datumsgenauigkeit="E">2024-05-20</Tumor_Histologiedatum>
                <Morphologie_ICD_O><Code>8140/3</Code><Version>33</Version></Morphologie_ICD_O>
                <Morphologie_ICD_O><Code>8480/3</Code><Version>33</Version></Morphologie_ICD_O>
                <Grading>3</Grading>
              </Histologie>
              <pTNM>
                <Version>8</Version>
                <c_p_u_Praefix_T>p</c_p_u_Praefix_T><T>4a</T>
                <c_p_u_Praefix_N>p</c_p_u_Praefix_N><N>2b</N>
                <UICC_Stadium>IIIC</UICC_Stadium>
              </pTNM>
              <Lokale_Beurteilung_Residualstatus>R1</Lokale_Beurteilung_Residualstatus>
              <Einsender><unstrukturiert><Adresse1>Institut</Adresse1></unstrukturiert></Einsender>
              <Befundtext>Adenokarzinom, pT4a pN2b, R1.</Befundtext>
            </Pathologie>
          </Meldung>
      """;

  static final String SECOND_TUMOUR_RADIOTHERAPY =
      """
          <Meldung Meldung_ID="ST-7" Melder_ID="MEL-1">
            <Meldebegruendung>I</Meldebegruendung>
            <Eigene_Leistung>J</Eigene_Leistung>
            <Tumorzuordnung Tumor_ID="T-2">
              <Primaertumor_ICD><Code>C61</Code><Version>10 2024 GM</Version></Primaertumor_ICD>
              <Diagnosedatum Datumsgenauigkeit="E">2024-06-01</Diagnosedatum>
              <Morphologie_ICD_O><Code>8140/3</Code><Version>33</Version></Morphologie_ICD_O>
            </Tumorzuordnung>
            <ST>
              <Meldeanlass>behandlungsbeginn</Meldeanlass>
              <Intention>K</Intention>
              <Stellung_OP>O</Stellung_OP>
              <Menge_Bestrahlung>
                <Bestrahlung>
                  <Beginn>2024-07-01</Beginn>
                  <Applikationsart><Perkutan><Zielgebiet><CodeVersion2021>1.1</CodeVersion2021></Zielgebiet><Seite_Zielgebiet>M</Seite_Zielgebiet></Perkutan></Applikationsart>
                </Bestrahlung>
              </Menge_Bestrahlung>
              <Nebenwirkungen><Grad_maximal2_oder_unbekannt>U</Grad_maximal2_oder_unbekannt></Nebenwirkungen>
            </ST>
          </Meldung>
      """;

  @BeforeAll
  static void map() throws Exception {
    String patient =
        ObdsDocuments.patient(7, "")
            .replaceAll("(?s)<Meldung .*</Meldung>", PATHOLOGY + SECOND_TUMOUR_RADIOTHERAPY);
    String xml = ObdsDocuments.HEAD + patient + ObdsDocuments.TAIL;
    ObdsMapper mapper = new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));
    bundle =
        mapper
            .map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "k.xml")
            .bundles()
            .get(0);
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
  void twoTumoursTwoConditions() {
    List<Condition> conditions = all(Condition.class);
    assertThat(conditions)
        .extracting(c -> c.getCode().getCodingFirstRep().getCode())
        .containsExactly("C18.2", "C61");
    // "M": month estimated → only the year is known
    assertThat(conditions.get(0).getOnsetDateTimeType().getValueAsString()).isEqualTo("2024");
    assertThat(conditions.get(1).hasBodySite()).isFalse();
  }

  @Test
  void pathologyReportGivesHistologyTnmAndResidualObservation() {
    List<Observation> hist = observations("mds-observation-histology");
    assertThat(hist).hasSize(2);
    assertThat(hist.get(0).getValueCodeableConcept().getCoding())
        .extracting(c -> c.getCode())
        .containsExactly("8140/3", "8480/3");
    Observation residual = observations("mds-observation-residual-status").get(0);
    assertThat(residual.getCode().getCodingFirstRep().getCode()).isEqualTo("84892-9");
    assertThat(residual.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("R1");
    assertThat(residual.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-05-20");
    Observation tnmp = observations("mds-observation-tnmp").get(0);
    assertThat(tnmp.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("IIIC");
    // no TNM date: none (the diagnosis date is not copied in)
    assertThat(tnmp.hasEffective()).isFalse();
  }

  @Test
  void morphologyFromTheAssignmentOnlyWhenNoHistologyWasReported() {
    List<Observation> hist = observations("mds-observation-histology");
    assertThat(hist.get(1).getValueCodeableConcept().getCodingFirstRep().getCode())
        .isEqualTo("8140/3");
    assertThat(hist.get(1).hasHasMember()).isFalse();
    assertThat(observations("mds-observation-grading")).hasSize(1);
  }

  @Test
  void ongoingRadiotherapyWithoutFollowUpHasNoVitalStatus() {
    Procedure st = all(Procedure.class).get(0);
    assertThat(st.getStatus()).isEqualTo(Procedure.ProcedureStatus.INPROGRESS);
    assertThat(st.getPerformedPeriod().hasEnd()).isFalse();
    assertThat(observations("mds-observation-vital-status")).isEmpty();
  }

  @Test
  void validates() {
    MdsCheck.assertValid(bundle);
  }
}
