package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.mappers.testing.ObdsDocuments.HEAD;
import static org.ccpfhir.mappers.testing.ObdsDocuments.TAIL;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ObdsMergeTest {

  static MappedFile map(String site, String xml) throws Exception {
    ObdsMapper mapper = new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite(site)));
    return mapper.map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml");
  }

  static List<String> urls(Bundle b) {
    return b.getEntry().stream().map(e -> e.getRequest().getUrl()).toList();
  }

  static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
    return b.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  @Test
  void reImportYieldsTheSameIdsSoPutUpdatesInPlace() throws Exception {
    String xml = ObdsDocuments.document(1, 3);
    MappedFile first = map("HD", xml);
    MappedFile again = map("HD", xml);
    assertThat(first.patients()).isEqualTo(3);
    assertThat(first.messages()).isEqualTo(9);
    for (int i = 0; i < 3; i++) {
      assertThat(urls(again.bundles().get(i))).isEqualTo(urls(first.bundles().get(i)));
      assertThat(urls(first.bundles().get(i))).doesNotHaveDuplicates();
    }
    assertThat(urls(map("TUE", xml).bundles().get(0)))
        .doesNotContainAnyElementsOf(urls(first.bundles().get(0)));
  }

  @Test
  void idsDoNotRevealThePatientNumber() throws Exception {
    Bundle b = map("HD", ObdsDocuments.document(4711, 1)).bundles().get(0);
    assertThat(urls(b)).allSatisfy(url -> assertThat(url).doesNotContain("4711"));
  }

  @Test
  void laterMessageAboutTheSameTumourAndReportWins() throws Exception {
    String patient =
        ObdsDocuments.patient(1, ObdsDocuments.diagnosis(1, "C34.1", "8140/3", "2"))
            .replace("</Menge_Meldung>", correctedSurgery() + "</Menge_Meldung>");
    Bundle b = map("HD", HEAD + patient + TAIL).bundles().get(0);
    List<Condition> conditions = all(b, Condition.class);
    assertThat(conditions).hasSize(1);
    Condition c = conditions.get(0);
    // the correction changed the ICD-10 code but said nothing about the topography
    assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("C34.2");
    assertThat(c.getBodySiteFirstRep().getCodingFirstRep().getCode()).isEqualTo("C34.1");
    List<Procedure> surgeries = all(b, Procedure.class);
    assertThat(surgeries).hasSize(1);
    assertThat(surgeries.get(0).getOutcome().getCodingFirstRep().getCode()).isEqualTo("R1");
    MdsCheck.assertValid(b);
  }

  private static String correctedSurgery() {
    return ObdsDocuments.head(1, "OP-KORR")
        + ObdsDocuments.tumour("C34.2", "2024-03-01")
        + """
              <OP OP_ID="OP-1">
                <Intention>K</Intention>
                <Datum>2024-04-02</Datum>
                <Menge_OPS><OPS><Code>5-324.a1</Code><Version>2024</Version></OPS></Menge_OPS>
                <Residualstatus><Lokale_Beurteilung_Residualstatus>R1</Lokale_Beurteilung_Residualstatus></Residualstatus>
                <Komplikationen><Komplikation_nein_oder_unbekannt>N</Komplikation_nein_oder_unbekannt></Komplikationen>
              </OP>
            </Meldung>
        """;
  }

  @Test
  void generatedDocumentsValidate() throws Exception {
    for (Bundle b : map("HD", ObdsDocuments.document(10, 4)).bundles()) {
      MdsCheck.assertValid(b);
    }
  }
}
