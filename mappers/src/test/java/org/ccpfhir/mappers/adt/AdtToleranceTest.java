package org.ccpfhir.mappers.adt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.mappers.tolerance.Issue;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ADT-GEKID rows of the tolerance policy (mappers/README.md) on the hand-written fixture. */
class AdtToleranceTest {

  static final AdtMapper MAPPER =
      new AdtMapper(new PatientBundleBuilder(ResourceIds.forSite("TEST")));
  static String xml;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = AdtToleranceTest.class.getResourceAsStream("/adt/full-case.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static MappedFile map(String document) throws Exception {
    return MAPPER.map(
        new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), "adt.xml");
  }

  static <T> List<T> all(Bundle bundle, Class<T> type) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  static String therapies(String types) {
    return xml.replace(
        "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart></Menge_Therapieart>", types);
  }

  @Test
  void chemoAndImmuneTherapyBecomeTheCombinationCode() throws Exception {
    MappedFile mapped =
        map(
            therapies(
                "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart>"
                    + "<SYST_Therapieart>IM</SYST_Therapieart></Menge_Therapieart>"));
    Bundle bundle = mapped.bundles().get(0);
    List<MedicationStatement> statements = all(bundle, MedicationStatement.class);
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0).getCategory().getCodingFirstRep().getCode()).isEqualTo("CI");
    assertThat(mapped.warnings())
        .extracting(Issue::rule)
        .containsExactly("syst-therapy-type-combined");
    MdsCheck.assertValid(bundle);
  }

  @Test
  void typesWithoutCombinationCodeBecomeOneStatementEachWithANote() throws Exception {
    MappedFile mapped =
        map(
            therapies(
                "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart>"
                    + "<SYST_Therapieart>HO</SYST_Therapieart></Menge_Therapieart>"));
    Bundle bundle = mapped.bundles().get(0);
    List<MedicationStatement> statements = all(bundle, MedicationStatement.class);
    assertThat(statements)
        .extracting(s -> s.getCategory().getCodingFirstRep().getCode())
        .containsExactly("CH", "HO");
    assertThat(statements)
        .allSatisfy(s -> assertThat(s.getNoteFirstRep().getText()).contains("CH, HO"));
    assertThat(statements.get(0).getIdPart()).isNotEqualTo(statements.get(1).getIdPart());
    MdsCheck.assertValid(bundle);
  }

  @Test
  void aSystemicTherapyWithoutTypeRefusesThePatientNeverACodingWithoutCode() throws Exception {
    MappedFile mapped = map(therapies(""));
    assertThat(mapped.mapped()).isEmpty();
    MappedFile.RefusedPatient refused = mapped.refused().get(0);
    assertThat(refused.sourceId()).isEqualTo("A-0815");
    assertThat(refused.reason().rule()).isEqualTo("syst-therapy-type-missing");
    assertThat(refused.reason().element()).isEqualTo("SYST[AS-1]/Menge_Therapieart");
  }

  @Test
  void yAndRSymbolNineAndSuffixesAreHandledByThePolicyNotTheSchema() throws Exception {
    String dirty =
        xml.replace(
                "<TNM_Version>8</TNM_Version>",
                "<TNM_Version>8</TNM_Version><TNM_y_Symbol>9</TNM_y_Symbol><TNM_r_Symbol>9</TNM_r_Symbol>")
            .replace("<TNM_N>1</TNM_N>", "<TNM_N>1(sn)(mol+)</TNM_N>")
            .replace("<TNM_T>3</TNM_T>", "<TNM_T>3</TNM_T><TNM_m_Symbol>m1</TNM_m_Symbol>");
    MappedFile mapped = map(dirty);
    assertThat(mapped.refused()).isEmpty();
    Bundle bundle = mapped.bundles().get(0);
    Observation ctnm =
        all(bundle, Observation.class).stream()
            .filter(
                o ->
                    o.getMeta()
                        .hasProfile(
                            "https://ccp-fhir.org/fhir/StructureDefinition/mds-observation-tnmc"))
            .findFirst()
            .orElseThrow();
    assertThat(ctnm.getComponent())
        .extracting(c -> c.getValueCodeableConcept().getCodingFirstRep().getCode())
        .contains("3", "1(sn)", "1a", "m")
        .doesNotContain("9", "y", "r");
    assertThat(ctnm.getNote()).extracting(n -> n.getText()).anyMatch(t -> t.contains("(mol+)"));
    assertThat(mapped.warnings())
        .extracting(Issue::rule)
        .contains("tnm-symbol-unknown", "tnm-suffix-dropped");
    MdsCheck.assertValid(bundle);
  }

  @Test
  void aHistologyWithoutItsOwnDateGetsNoneAndAMetastasisStaysUndated() throws Exception {
    String undated =
        xml.replace("<Tumor_Histologiedatum>14.03.2023</Tumor_Histologiedatum>", "")
            .replace("<FM_Diagnosedatum>16.03.2023</FM_Diagnosedatum>", "")
            .replace("<TNM_Datum>16.03.2023</TNM_Datum>", "");
    Bundle bundle = map(undated).bundles().get(0);
    for (Observation o : all(bundle, Observation.class)) {
      String profile = o.getMeta().getProfile().get(0).getValue();
      if (profile.endsWith("histology")
          || profile.endsWith("grading")
          || profile.endsWith("tnmc")
          || profile.endsWith("distant-metastasis")) {
        assertThat(o.hasEffective()).as(profile).isFalse();
      }
    }
    MdsCheck.assertValid(bundle);
  }
}
