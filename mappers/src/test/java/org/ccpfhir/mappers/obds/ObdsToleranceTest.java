package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.ccpfhir.mappers.tolerance.Issue;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** The oBDS rows of the tolerance policy (mappers/README.md) that need the schema. */
class ObdsToleranceTest {

  static final ObdsMapper MAPPER =
      new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));

  static final String INSURANCE =
      "<Versichertendaten_Sonstige><Ersatzkode>970000011</Ersatzkode></Versichertendaten_Sonstige>";

  static MappedFile map(String xml) throws Exception {
    return MAPPER.map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml");
  }

  @Test
  void anInsuranceNumberAgainstThePatternIsIgnoredWithAWarning() throws Exception {
    String xml =
        ObdsDocuments.document(1, 2)
            .replaceFirst(
                INSURANCE,
                "<Versichertendaten_GKV><IKNR>123456789</IKNR>"
                    + "<GKV_Versichertennummer>A123456789</GKV_Versichertennummer>"
                    + "</Versichertendaten_GKV>");
    MappedFile mapped = map(xml);
    assertThat(mapped.refused()).isEmpty();
    assertThat(mapped.patients()).isEqualTo(2);
    assertThat(mapped.mapped().get(0).issues())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Issue.Action.IGNORED);
              assertThat(i.rule()).isEqualTo("cvc-pattern-valid");
              assertThat(i.element()).isEqualTo("Patienten_Stammdaten/Versichertendaten_GKV/IKNR");
              assertThat(i.detail()).doesNotContain("123456789");
            });
  }

  @Test
  void noInsuranceBlockAndABadCountryCodeOnlyWarn() throws Exception {
    String xml =
        ObdsDocuments.document(1, 1)
            .replace(INSURANCE, "")
            .replace("<Adresse><PLZ>", "<Adresse><Land>Deutschland</Land><PLZ>");
    MappedFile mapped = map(xml);
    assertThat(mapped.refused()).isEmpty();
    assertThat(mapped.warnings())
        .extracting(Issue::action)
        .containsOnly(Issue.Action.IGNORED)
        .hasSize(2);
  }

  @Test
  void datesAfter2025AreAcceptedAndDatesAfterTodayRefuseThePatient() throws Exception {
    String later =
        ObdsDocuments.document(1, 2).replace("2024-", "2026-").replace("2025-02-01", "2026-06-01");
    assertThat(map(later).patients()).isEqualTo(2);

    String future = later.replaceFirst("2026-06-01", "2062-06-01");
    MappedFile mapped = map(future);
    assertThat(mapped.patients()).isEqualTo(1);
    assertThat(mapped.refused().get(0).reason().rule()).isEqualTo("date-in-future");
    assertThat(mapped.refused().get(0).reason().element())
        .isEqualTo("Menge_Meldung/Meldung/Verlauf/Untersuchungsdatum_Verlauf");
  }

  @Test
  void tnmSuffixesAYSymbolNineAndAUPrefixInTheSurgery() throws Exception {
    String xml =
        ObdsDocuments.document(1, 1)
            .replace("<N>1</N><c_p_u_Praefix_M>c", "<N>0(sn)(mol+)</N><c_p_u_Praefix_M>c")
            .replace("<M>0</M>", "<M>0(cy-)</M>")
            .replace(
                "<Version>8</Version><c_p_u_Praefix_T>c",
                "<Version>8</Version><y_Symbol>9</y_Symbol><c_p_u_Praefix_T>c")
            .replace(
                "<c_p_u_Praefix_T>p</c_p_u_Praefix_T><T>2a</T><c_p_u_Praefix_N>p</c_p_u_Praefix_N><N>1</N>",
                "<c_p_u_Praefix_T>u</c_p_u_Praefix_T><T>1a</T><c_p_u_Praefix_N>c</c_p_u_Praefix_N><N>0</N>");
    MappedFile mapped = map(xml);
    assertThat(mapped.refused()).isEmpty();
    Bundle bundle = mapped.bundles().get(0);
    var tnms =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(Observation.class::isInstance)
            .map(Observation.class::cast)
            .filter(o -> o.getMeta().getProfile().get(0).getValue().contains("tnm"))
            .toList();
    // both the diagnosis' cTNM and the surgery's uT1a cN0 are clinical
    assertThat(tnms)
        .hasSize(2)
        .allMatch(o -> o.getMeta().getProfile().get(0).getValue().endsWith("tnmc"));
    Observation ctnm = tnms.get(0);
    assertThat(ctnm.getComponent())
        .extracting(c -> c.getValueCodeableConcept().getCodingFirstRep().getCode())
        .containsExactly("2a", "0(sn)", "0");
    assertThat(ctnm.getNote()).extracting(n -> n.getText()).hasSize(2);
    assertThat(mapped.warnings())
        .extracting(Issue::rule)
        .containsExactly("tnm-suffix-dropped", "tnm-suffix-dropped", "tnm-symbol-unknown");
    MdsCheck.assertValid(bundle);
  }
}
