package org.ccpfhir.mappers.textmining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.fhir.Transactions;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.mappers.textmining.PathologyReportMapper.SourceDocument;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PathologyReportMapperTest {

  static final PathologyReportMapper MAPPER =
      new PathologyReportMapper(
          new PathologyExtractor(), ResourceIds.forSite("HD"), CcpTerminology.get());

  static final SourceDocument DOC =
      new SourceDocument("P-1", "doc-17", LocalDate.of(2024, 5, 2), null);

  static final Instant NOW = Instant.parse("2024-05-03T10:00:00Z");

  @Test
  void reportBecomesProfiledObservationsWithProvenance() {
    List<Resource> out =
        MAPPER.map(
            "Invasives Karzinom NST (ICD-O 8500/3), G3. ypT1c ypN0(sn) (0/2) cM0. R0. "
                + "UICC-Stadium IA (TNM 8. Aufl.).",
            DOC,
            NOW);
    assertThat(out)
        .extracting(Resource::fhirType)
        .containsExactly("Observation", "Observation", "Observation", "Observation", "Provenance");
    Observation tnm = (Observation) out.get(0);
    assertThat(tnm.getCode().getCodingFirstRep().getCode()).isEqualTo("21902-2");
    assertThat(tnm.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("IA");
    assertThat(tnm.getMethod().getCodingFirstRep().getCode()).isEqualTo("8");
    assertThat(tnm.getComponent())
        .extracting(
            c ->
                c.getCode().getCodingFirstRep().getCode()
                    + "="
                    + c.getValueCodeableConcept().getCodingFirstRep().getCode())
        .containsExactly("21899-0=1c", "21900-6=0(sn)", "21901-4=0", "59479-6=y");
    Provenance prov = (Provenance) out.get(4);
    assertThat(prov.getTarget()).hasSize(4);
    assertThat(prov.getEntityFirstRep().getWhat().getReference())
        .isEqualTo("DocumentReference/doc-17");
    assertThat(prov.getRecorded()).isEqualTo(java.util.Date.from(NOW));

    // subject points at the patient the ETL names; the bundle holds only the findings
    MdsCheck.assertValid(Transactions.transaction(out));
  }

  @Test
  void codesOutsideTheMdsListsAreLeftOut() {
    List<Resource> out = MAPPER.map("Melanom pT2a pN1a(sn) (1/2).", DOC, NOW);
    Observation tnm = (Observation) out.get(0);
    assertThat(tnm.getComponent()).hasSize(1);
    MdsCheck.assertValid(Transactions.transaction(out.subList(0, 1)));
  }

  @Test
  void nothingFoundNothingEmitted() {
    assertThat(MAPPER.map("Kein Malignom nachweisbar.", DOC, NOW)).isEmpty();
  }

  @Test
  void sameDocumentSameIds() {
    String text = "pT2 pN0 G2 R0";
    assertThat(MAPPER.map(text, DOC, NOW))
        .extracting(Resource::getId)
        .isEqualTo(MAPPER.map(text, DOC, NOW).stream().map(Resource::getId).toList());
  }
}
