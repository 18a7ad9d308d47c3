package org.ccpfhir.bridgehead.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.ImportReport;
import org.ccpfhir.mappers.MappingException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ImportUnitsTest {

  @Test
  void mergeKeepsTheLaterVersionOfARepeatedResourceAtItsFirstPosition() {
    Bundle first = transaction(new Patient().setId("p1"), condition("c1", "C50.4"));
    Bundle second = transaction(new Patient().setId("p2"), condition("c1", "C50.8"));

    Bundle merged = ObdsImportService.merge(List.of(first, second));

    assertThat(merged.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    assertThat(merged.getEntry())
        .extracting(e -> e.getRequest().getUrl())
        .containsExactly("Patient/p1", "Condition/c1", "Patient/p2");
    Condition kept = (Condition) merged.getEntry().get(1).getResource();
    assertThat(kept.getCode().getCodingFirstRep().getCode()).isEqualTo("C50.8");
  }

  @Test
  void aMappingExceptionBecomesOneIssuePerProblemWithLineColumnAndRule() {
    MappingException e =
        new MappingException(
            "document",
            List.of(
                new MappingException.Problem(16, 27, "cvc-enumeration-valid", "(redacted)"),
                new MappingException.Problem(16, 27, "cvc-type.3.1.3", "")));

    OperationOutcome outcome = MappingOutcomes.of(e);

    assertThat(outcome.getIssue()).hasSize(2);
    OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
    assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    assertThat(issue.getDiagnostics())
        .isEqualTo("line 16, column 27: cvc-enumeration-valid: (redacted)");
    assertThat(issue.getDetails().getText()).isEqualTo("cvc-enumeration-valid");
    assertThat(issue.getLocation().get(0).getValue()).isEqualTo("Line[16] Col[27]");
    assertThat(issue.getExtensionByUrl(MappingOutcomes.LINE_EXTENSION).getValue().primitiveValue())
        .isEqualTo("16");
    assertThat(
            issue.getExtensionByUrl(MappingOutcomes.COLUMN_EXTENSION).getValue().primitiveValue())
        .isEqualTo("27");
  }

  @Test
  void manyProblemsAreCappedWithANote() {
    List<MappingException.Problem> problems = new ArrayList<>();
    for (int i = 1; i <= MappingOutcomes.MAX_ISSUES + 7; i++) {
      problems.add(new MappingException.Problem(i, 1, "cvc-complex-type.2.4.a", ""));
    }

    OperationOutcome outcome = MappingOutcomes.of(new MappingException("document", problems));

    assertThat(outcome.getIssue()).hasSize(MappingOutcomes.MAX_ISSUES + 1);
    assertThat(outcome.getIssue().get(MappingOutcomes.MAX_ISSUES).getDiagnostics())
        .isEqualTo("7 more problems not listed");
  }

  @Test
  void aRefusalNamesTheRefusedEntriesResourceInsteadOfItsPosition() {
    List<String> urls = List.of("Patient/p1", "Condition/c1");

    assertThat(
            ObdsImportService.entryNamed("Bundle.entry[1].resource.ofType(Condition).code", urls))
        .isEqualTo("Condition/c1.ofType(Condition).code");
    assertThat(ObdsImportService.entryNamed("Bundle.entry[7].resource", urls))
        .isEqualTo("Bundle.entry[7].resource");
  }

  @Test
  void theAnswerCarriesTheReportAsJsonAndEachRefusalAsAnErrorWithLineAndColumn() {
    ImportReport report =
        new ImportReport(
            "document",
            1,
            1,
            java.util.Map.of("Patient", 1),
            java.util.Map.of("ignored/cvc-pattern-valid", 1),
            List.of(
                new ImportReport.Refusal(
                    "P-2",
                    "mapping",
                    "cvc-enumeration-valid",
                    "Patienten_Stammdaten/Geschlecht",
                    "line 16, column 27: (redacted)")),
            List.of(
                new ImportReport.Warning(
                    "P-1", "ignored/cvc-pattern-valid", "Versichertendaten_GKV/IKNR", "x")));

    org.hl7.fhir.r4.model.Parameters answer = ImportAnswer.of(report, List.of(new Bundle()));

    assertThat(answer.getParameter("report").getValue().primitiveValue())
        .contains("\"patientsStored\" : 1");
    OperationOutcome outcome = (OperationOutcome) answer.getParameter("outcome").getResource();
    OperationOutcome.OperationOutcomeIssueComponent refusal = outcome.getIssueFirstRep();
    assertThat(refusal.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    assertThat(refusal.getDiagnostics())
        .startsWith(
            "patient P-2 refused (mapping, cvc-enumeration-valid at Patienten_Stammdaten/Geschlecht)");
    assertThat(refusal.getExpression().get(0).getValue())
        .isEqualTo("Patienten_Stammdaten/Geschlecht");
    assertThat(refusal.getLocation().get(0).getValue()).isEqualTo("Line[16] Col[27]");
    assertThat(outcome.getIssue().get(1).getSeverity())
        .isEqualTo(OperationOutcome.IssueSeverity.WARNING);
    assertThat(answer.getParameters("response")).hasSize(1);
  }

  private static Condition condition(String id, String code) {
    Condition condition = new Condition();
    condition.setId(id);
    condition.getCode().addCoding().setCode(code);
    return condition;
  }

  private static Bundle transaction(Resource... resources) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Resource r : resources) {
      bundle
          .addEntry()
          .setResource(r)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.PUT)
          .setUrl(r.fhirType() + "/" + r.getIdElement().getIdPart());
    }
    return bundle;
  }
}
