package org.ccpfhir.mappers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

class SampleCsvMapperTest {

  static final SampleCsvMapper MAPPER =
      new SampleCsvMapper(
          ResourceIds.forSite("HD"), CcpTerminology.get().codes(CodeSystems.SAMPLE_MATERIAL_TYPE));

  static MappedFile map(String csv) throws MappingException {
    return MAPPER.map(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "s.csv");
  }

  static MappingException reject(String csv) {
    return catchThrowableOfType(() -> map(csv), MappingException.class);
  }

  @Test
  void headerDrivenColumnsInAnyOrderOneBundlePerPatient() throws Exception {
    MappedFile file =
        map(
            """
            Sample_ID;patient_id;sample_type;collected;body_site;status;parent_sample_id
            S1;P-1;tumor-tissue-ffpe;2024-03-02;C50.4;available;
            S2;P-1;dna;12.03.2024;;;S1
            S3;P-2;whole-blood;;;unavailable;
            """);
    assertThat(file.messages()).isEqualTo(3);
    assertThat(file.patients()).isEqualTo(2);
    Bundle first = file.bundles().get(0);
    Specimen s1 = (Specimen) first.getEntry().get(0).getResource();
    Specimen s2 = (Specimen) first.getEntry().get(1).getResource();
    assertThat(s1.getType().getCodingFirstRep().getCode()).isEqualTo("tumor-tissue-ffpe");
    assertThat(s1.getCollection().getCollectedDateTimeType().getValueAsString())
        .isEqualTo("2024-03-02");
    assertThat(s1.getCollection().getBodySite().getCodingFirstRep().getCode()).isEqualTo("C50.4");
    assertThat(s1.getIdentifierFirstRep().getValue()).isEqualTo("S1");
    assertThat(s2.getParentFirstRep().getReference()).isEqualTo("Specimen/" + s1.getIdPart());
    assertThat(s2.getCollection().getCollectedDateTimeType().getValueAsString())
        .isEqualTo("2024-03-12");
    Specimen s3 = (Specimen) file.bundles().get(1).getEntry().get(0).getResource();
    assertThat(s3.getStatus()).isEqualTo(Specimen.SpecimenStatus.UNAVAILABLE);
    file.bundles().forEach(MdsCheck::assertValid);
  }

  @Test
  void commaSeparatedAndQuotedValuesWork() throws Exception {
    MappedFile file = map("patient_id,sample_id,sample_type\n\"P-1\",\"S 1\",blood-serum\n");
    assertThat(file.resources()).isEqualTo(1);
  }

  @Test
  void specimenOfTheSamePatientReferencesTheSamePatientIdAsTheXmlImport() throws Exception {
    Specimen s =
        (Specimen)
            map("patient_id;sample_id;sample_type\nP-4711;S1;dna\n")
                .bundles()
                .get(0)
                .getEntry()
                .get(0)
                .getResource();
    String patientId =
        new org.ccpfhir.mappers.fhir.Refs(ResourceIds.forSite("HD"), "P-4711").patientId();
    assertThat(s.getSubject().getReference()).isEqualTo("Patient/" + patientId);
  }

  @Test
  void missingColumnIsNamed() {
    MappingException e = reject("patient_id;sample_type\nP-1;dna\n");
    assertThat(e.first().rule()).isEqualTo("csv-missing-column");
    assertThat(e.first().line()).isEqualTo(1);
    assertThat(e.first().detail()).contains("sample_id");
  }

  @Test
  void badValuesNameLineColumnAndRuleAndNothingIsEmitted() {
    MappingException e =
        reject(
            """
            patient_id;sample_id;sample_type;collected
            P-1;S1;dna;2024-02-30
            P-2;S2;saliva-ish;2024-02-01
            P-3;;dna;
            """);
    assertThat(e.problems())
        .extracting(p -> p.line() + ":" + p.column() + ":" + p.rule())
        .containsExactly(
            "2:4:csv-bad-date", "3:3:csv-unknown-sample-type", "4:2:csv-missing-value");
    assertThat(e.getMessage()).doesNotContain("2024-02-30").doesNotContain("saliva-ish");
  }
}
