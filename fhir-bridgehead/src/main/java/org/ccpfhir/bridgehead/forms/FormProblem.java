package org.ccpfhir.bridgehead.forms;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One thing wrong with a form or a form entry.
 *
 * @param expression FHIRPath of the element, e.g. {@code QuestionnaireResponse.item[2].answer[0]}
 * @param type the issue type
 * @param message what is wrong, naming the item's linkId (no answer values: they may identify)
 */
public record FormProblem(String expression, IssueType type, String message) {

  /** The OperationOutcome of a refusal: one error issue per problem. */
  static OperationOutcome outcome(List<FormProblem> problems) {
    OperationOutcome outcome = new OperationOutcome();
    for (FormProblem problem : problems) {
      outcome
          .addIssue()
          .setSeverity(IssueSeverity.ERROR)
          .setCode(problem.type())
          .setDiagnostics(problem.expression() + ": " + problem.message() + "; nothing was stored")
          .addExpression(problem.expression())
          .setDetails(new CodeableConcept().setText(problem.message()));
    }
    return outcome;
  }
}
