package org.ccpfhir.bridgehead.importer;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * The ingest names refused resources by their position in the transaction ({@code
 * Bundle.entry[i]}), a bundle the caller of {@code $import-obds} never saw. One information issue
 * per refused entry says which resource that is (type and stable id, neither identifying).
 */
final class RefusalNotes {

  private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");

  private RefusalNotes() {}

  static void annotate(OperationOutcome outcome, Bundle transaction) {
    Set<Integer> entries = new TreeSet<>();
    for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
      for (StringType expression : issue.getExpression()) {
        Matcher m = ENTRY.matcher(expression.getValueAsString());
        if (m.find()) {
          entries.add(Integer.valueOf(m.group(1)));
        }
      }
    }
    for (int index : entries) {
      if (index < transaction.getEntry().size()) {
        outcome
            .addIssue()
            .setSeverity(IssueSeverity.INFORMATION)
            .setCode(IssueType.INFORMATIONAL)
            .setDiagnostics(
                "Bundle.entry["
                    + index
                    + "] of the import's transaction is "
                    + transaction.getEntry().get(index).getRequest().getUrl());
      }
    }
  }
}
