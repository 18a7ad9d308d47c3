package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class IdatGuardTest {

  private final IdatGuard guard = new IdatGuard(null);

  @Test
  void reducesAnExactBirthDateToMonthAndYear() {
    Patient patient = new Patient().setBirthDateElement(new DateType("1958-11-30"));
    IngestIssues issues = new IngestIssues();

    guard.apply(patient, "Bundle.entry[0].resource", issues);

    assertThat(issues.hasErrors()).isFalse();
    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1958-11");
  }

  @Test
  void keepsMonthAndYearPrecision() {
    Patient patient = new Patient().setBirthDateElement(new DateType("1958-11"));

    guard.apply(patient, "Patient", new IngestIssues());

    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1958-11");
  }

  @Test
  void refusesEveryIdentifyingElementWithoutItsValue() {
    Patient patient = new Patient();
    patient.addName().setFamily("Kuckelkorn");
    patient.addTelecom().setValue("0621 555 0101");
    patient.addAddress().setCity("Wolfenbüttel");
    IngestIssues issues = new IngestIssues();

    guard.apply(patient, "Bundle.entry[2].resource", issues);

    OperationOutcome outcome = issues.toOperationOutcome();
    assertThat(outcome.getIssue())
        .extracting(i -> i.getExpression().get(0).getValue())
        .containsExactlyInAnyOrder(
            "Bundle.entry[2].resource.ofType(Patient).name",
            "Bundle.entry[2].resource.ofType(Patient).telecom",
            "Bundle.entry[2].resource.ofType(Patient).address");
    assertThat(outcome.getIssue())
        .allSatisfy(
            i ->
                assertThat(i.getDiagnostics())
                    .doesNotContain("Kuckelkorn", "0621", "Wolfenbüttel"));
  }

  @Test
  void leavesOtherResourcesAlone() {
    IngestIssues issues = new IngestIssues();

    guard.apply(new Observation(), "Observation", issues);

    assertThat(issues.toOperationOutcome().getIssue()).isEmpty();
  }
}
