package org.ccpfhir.bridgehead.importer;

import java.util.List;
import org.ccpfhir.mappers.MappingException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A rejected source document as an OperationOutcome: one issue per problem with line, column
 * (location and the core line/col extensions) and the violated rule. The mappers' messages are
 * already redacted, so no value of the document reaches the client.
 */
final class MappingOutcomes {

  static final String LINE_EXTENSION =
      "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line";
  static final String COLUMN_EXTENSION =
      "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col";

  /** A broken export can have thousands of schema errors; the first ones locate the problem. */
  static final int MAX_ISSUES = 50;

  private MappingOutcomes() {}

  static OperationOutcome of(MappingException e) {
    OperationOutcome outcome = new OperationOutcome();
    List<MappingException.Problem> problems = e.problems();
    for (MappingException.Problem p : problems.subList(0, Math.min(problems.size(), MAX_ISSUES))) {
      OperationOutcome.OperationOutcomeIssueComponent issue =
          outcome
              .addIssue()
              .setSeverity(IssueSeverity.ERROR)
              .setCode(IssueType.STRUCTURE)
              .setDetails(new CodeableConcept().setText(p.rule()))
              .setDiagnostics(
                  "line "
                      + p.line()
                      + ", column "
                      + p.column()
                      + ": "
                      + p.rule()
                      + (p.detail().isEmpty() ? "" : ": " + p.detail()));
      // the location format of HAPI's own parser errors
      issue.addLocation("Line[" + p.line() + "] Col[" + p.column() + "]");
      issue.addExtension(LINE_EXTENSION, new IntegerType(p.line()));
      issue.addExtension(COLUMN_EXTENSION, new IntegerType(p.column()));
    }
    if (problems.isEmpty()) {
      outcome
          .addIssue()
          .setSeverity(IssueSeverity.ERROR)
          .setCode(IssueType.STRUCTURE)
          .setDiagnostics("the document was rejected");
    } else if (problems.size() > MAX_ISSUES) {
      outcome
          .addIssue()
          .setSeverity(IssueSeverity.INFORMATION)
          .setCode(IssueType.INFORMATIONAL)
          .setDiagnostics((problems.size() - MAX_ISSUES) + " more problems not listed");
    }
    return outcome;
  }
}
