package org.ccpfhir.bridgehead.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
  void aRefusalNamesTheRefusedEntriesResource() {
    Bundle transaction = transaction(new Patient().setId("p1"), condition("c1", "C50.4"));
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setDiagnostics("refused")
        .addExpression("Bundle.entry[1].resource.ofType(Condition).code");

    RefusalNotes.annotate(outcome, transaction);

    assertThat(outcome.getIssue()).hasSize(2);
    assertThat(outcome.getIssue().get(1).getDiagnostics())
        .isEqualTo("Bundle.entry[1] of the import's transaction is Condition/c1");
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
