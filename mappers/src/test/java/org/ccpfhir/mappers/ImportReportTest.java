package org.ccpfhir.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.junit.jupiter.api.Test;

class ImportReportTest {

  @Test
  void countsStoredAndRefusedPatientsResourcesAndWarningsByKind() throws Exception {
    String xml =
        ObdsDocuments.document(1, 3)
            .replaceFirst("<Geschlecht>W</", "<Geschlecht>Q</")
            .replace("<N>1</N>", "<N>1(sn)(mol+)</N>");
    MappedFile mapped =
        new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")))
            .map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "e.xml");
    ImportReport.Refusal atStorage =
        new ImportReport.Refusal("P-3", "storage", "HTTP 422", "", "refused");

    ImportReport report = ImportReport.of(mapped, List.of(atStorage));

    assertThat(report.patientsStored()).isEqualTo(1);
    assertThat(report.patientsRefused()).isEqualTo(2);
    assertThat(report.refused())
        .extracting(ImportReport.Refusal::patient, ImportReport.Refusal::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("P-1", "cvc-enumeration-valid"),
            org.assertj.core.groups.Tuple.tuple("P-3", "HTTP 422"));
    assertThat(report.resources()).containsEntry("Patient", 1).containsEntry("Condition", 1);
    // two TNMs each of the two mapped patients (P-1 was refused before its TNMs were read)
    assertThat(report.warnings()).containsEntry("normalised/tnm-suffix-dropped", 4);
    assertThat(report.toJson())
        .contains("\"patientsStored\" : 1")
        .contains("\"normalised/tnm-suffix-dropped\" : 4")
        .doesNotContain("Testname");
    assertThat(report.summaryLine())
        .startsWith("e.xml: 1 patients stored, 2 refused, ")
        .contains("warnings: normalised/tnm-suffix-dropped 4")
        .doesNotContain("P-1");
  }
}
