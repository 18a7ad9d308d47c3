package org.ccpfhir.bridgehead.importer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mappers.ImportReport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The answer of {@code $import-obds}: the import report as JSON ({@code report}), the same as an
 * OperationOutcome ({@code outcome}: one error per refused patient, one warning per listed policy
 * warning) and the transaction-response Bundle(s) of what was stored ({@code response}). The report
 * names the sender's own patient ids; no other value of the document.
 */
final class ImportAnswer {

  /** "line 12, column 7: …" at the start of a mapping refusal's message. */
  private static final Pattern LINE_COLUMN = Pattern.compile("^line (\\d+)(?:, column (\\d+))?:");

  private ImportAnswer() {}

  static Parameters of(ImportReport report, List<Bundle> responses) {
    Parameters answer = new Parameters();
    answer.addParameter().setName("report").setValue(new StringType(report.toJson()));
    answer.addParameter().setName("outcome").setResource(outcome(report));
    for (Bundle response : responses) {
      answer.addParameter().setName("response").setResource(response);
    }
    return answer;
  }

  static OperationOutcome outcome(ImportReport report) {
    OperationOutcome outcome = new OperationOutcome();
    for (ImportReport.Refusal r : report.refused()) {
      OperationOutcomeIssueComponent issue =
          outcome
              .addIssue()
              .setSeverity(IssueSeverity.ERROR)
              .setCode(IssueType.BUSINESSRULE)
              .setDetails(new CodeableConcept().setText(r.rule()))
              .setDiagnostics(
                  "patient "
                      + r.patient()
                      + " refused ("
                      + r.stage()
                      + ", "
                      + r.rule()
                      + (r.element().isEmpty() ? "" : " at " + r.element())
                      + "): "
                      + r.message());
      if (!r.element().isEmpty()) {
        issue.addExpression(r.element());
      }
      Matcher m = LINE_COLUMN.matcher(r.message());
      if (m.find()) {
        issue.addExtension(MappingOutcomes.LINE_EXTENSION, new IntegerType(m.group(1)));
        if (m.group(2) != null) {
          issue.addExtension(MappingOutcomes.COLUMN_EXTENSION, new IntegerType(m.group(2)));
          issue.addLocation("Line[" + m.group(1) + "] Col[" + m.group(2) + "]");
        }
      }
    }
    for (ImportReport.Warning w : report.warningDetails()) {
      outcome
          .addIssue()
          .setSeverity(IssueSeverity.WARNING)
          .setCode(IssueType.INFORMATIONAL)
          .setDetails(new CodeableConcept().setText(w.kind()))
          .setDiagnostics(
              (w.patient() == null ? "document" : "patient " + w.patient())
                  + (w.element().isEmpty() ? "" : " at " + w.element())
                  + ": "
                  + w.detail());
    }
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.INFORMATION)
        .setCode(IssueType.INFORMATIONAL)
        .setDiagnostics(report.summaryLine());
    return outcome;
  }
}
