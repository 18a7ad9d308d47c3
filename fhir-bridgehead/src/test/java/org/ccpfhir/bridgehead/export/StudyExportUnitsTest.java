package org.ccpfhir.bridgehead.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.export.cohort.CohortPatient;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.Pem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyExportUnitsTest {

  @TempDir static Path dir;
  static Credential study;
  static Credential other;

  @BeforeAll
  static void certificates() {
    NetworkCa ca =
        NetworkCa.create(dir.resolve("ca"), "pw".toCharArray(), "Study CA", Duration.ofDays(30));
    study = ca.issue(ComponentName.of("study-1", null), List.of(), Duration.ofDays(10));
    other = ca.issue(ComponentName.of("study-2", null), List.of(), Duration.ofDays(10));
    Pem.write(dir.resolve("study-1.pem"), study.certificate());
  }

  private static StudyCertificates certificates(Clock clock) {
    return new StudyCertificates(
        new ExportProperties(
            5,
            0.05,
            100,
            dir.resolve("key"),
            "",
            Map.of("study-1", new ExportProperties.Study(dir.resolve("study-1.pem")))),
        clock);
  }

  private static String where(BaseServerResponseException e) {
    return ((OperationOutcome) e.getOperationOutcome())
        .getIssueFirstRep()
        .getExpression()
        .get(0)
        .getValue();
  }

  @Test
  void studyPseudonymsAreKeyedStableAndStudySpecific() {
    StudyPseudonyms pseudonyms = new StudyPseudonyms(new byte[32]);
    StudyPseudonyms otherKey =
        new StudyPseudonyms(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });

    String p = pseudonyms.of("study-1", "A7K2M9Q4XZ");

    assertThat(p).matches("S[0-9A-F]{20}").doesNotContain("A7K2M9Q4XZ");
    assertThat(pseudonyms.of("study-1", "A7K2M9Q4XZ")).isEqualTo(p);
    assertThat(pseudonyms.of("study-2", "A7K2M9Q4XZ")).isNotEqualTo(p);
    assertThat(otherKey.of("study-1", "A7K2M9Q4XZ")).isNotEqualTo(p);
  }

  @Test
  void registeredStudiesUseTheirCertificateAndOthersMustSendOne() {
    StudyCertificates certificates = certificates(Clock.systemUTC());
    byte[] pem = Pem.encode(study.certificate()).getBytes(StandardCharsets.US_ASCII);
    byte[] otherPem = Pem.encode(other.certificate()).getBytes(StandardCharsets.US_ASCII);

    assertThat(certificates.resolve("study-1", null)).isEqualTo(study.certificate());
    assertThat(certificates.resolve("study-1", pem)).isEqualTo(study.certificate());
    assertThat(certificates.resolve("study-9", otherPem)).isEqualTo(other.certificate());
    BaseServerResponseException diverted =
        catchRefusal(() -> certificates.resolve("study-1", otherPem));
    assertThat(diverted.getStatusCode()).isEqualTo(422);
    assertThat(where(diverted)).isEqualTo("studyCertificate");
    assertThat(catchRefusal(() -> certificates.resolve("study-9", null)).getStatusCode())
        .isEqualTo(422);
    assertThat(
            catchRefusal(
                    () ->
                        certificates.resolve(
                            "study-9", "garbage".getBytes(StandardCharsets.US_ASCII)))
                .getStatusCode())
        .isEqualTo(400);
    StudyCertificates later =
        certificates(Clock.fixed(Instant.now().plus(Duration.ofDays(20)), ZoneOffset.UTC));
    assertThat(catchRefusal(() -> later.resolve("study-1", null)).getMessage())
        .contains("not valid now");
  }

  private static BaseServerResponseException catchRefusal(Runnable action) {
    try {
      action.run();
    } catch (BaseServerResponseException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndBundleRowsAreParameters() {
    List<String> header = List.of("study-pseudonym", "icd10", "grading");
    List<String[]> rows =
        List.<String[]>of(
            new String[] {"S01", "C50, left", null}, new String[] {"S02", "say \"x\"", "2"});

    String csv = new String(ExportFormat.CSV.write(header, rows, null), StandardCharsets.UTF_8);
    String bundle =
        new String(
            ExportFormat.BUNDLE.write(header, rows, FhirContext.forR4Cached()),
            StandardCharsets.UTF_8);

    assertThat(csv)
        .isEqualTo(
            "study-pseudonym,icd10,grading\r\nS01,\"C50, left\",\r\nS02,\"say \"\"x\"\"\",2\r\n");
    assertThat(bundle)
        .contains("\"type\":\"collection\"")
        .contains("\"resourceType\":\"Parameters\"")
        .contains("\"valueString\":\"C50, left\"");
  }

  @Test
  void ageAtDiagnosisIsWholeYearsBetweenMonths() {
    CohortPatient patient =
        new CohortPatient(
            "X",
            YearMonth.of(1960, 7),
            "female",
            null,
            YearMonth.of(2020, 6),
            "C50.4",
            null,
            null,
            null);
    assertThat(patient.ageAtDiagnosis()).isEqualTo(59);
    assertThat(
            new CohortPatient("X", null, null, null, YearMonth.of(2020, 6), null, null, null, null)
                .ageAtDiagnosis())
        .isNull();
    assertThatThrownBy(() -> ExportColumn.valueOf("NOPE"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ExportColumn.ofCode("vital-status")).contains(ExportColumn.VITAL_STATUS);
  }
}
