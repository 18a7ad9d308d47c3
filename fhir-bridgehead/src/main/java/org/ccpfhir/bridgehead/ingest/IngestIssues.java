package org.ccpfhir.bridgehead.ingest;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Collects the problems found in a submission. Messages must never carry identifying values: they
 * name the element and the rule, not what the client sent.
 */
public final class IngestIssues {

  private final List<OperationOutcomeIssueComponent> issues = new ArrayList<>();

  /** Adds an error at a FHIRPath expression. */
  public void error(IssueType type, String expression, String diagnostics) {
    add(IssueSeverity.ERROR, type, expression, diagnostics);
  }

  /** Adds an issue at a FHIRPath expression. */
  public synchronized void add(
      IssueSeverity severity, IssueType type, String expression, String diagnostics) {
    OperationOutcomeIssueComponent issue =
        new OperationOutcomeIssueComponent()
            .setSeverity(severity)
            .setCode(type)
            .setDiagnostics(diagnostics);
    if (expression != null) {
      issue.addExpression(expression);
      issue.addLocation(expression);
    }
    issues.add(issue);
  }

  /** True when at least one issue is an error or fatal. */
  public synchronized boolean hasErrors() {
    return issues.stream()
        .anyMatch(
            i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL);
  }

  /** True when there is any issue, warnings and information included. */
  public synchronized boolean hasIssues() {
    return !issues.isEmpty();
  }

  /** Adds all issues of another collection. */
  public void addAll(IngestIssues other) {
    List<OperationOutcomeIssueComponent> copy;
    synchronized (other) {
      copy = List.copyOf(other.issues);
    }
    synchronized (this) {
      issues.addAll(copy);
    }
  }

  /** The issues as an OperationOutcome, errors first. */
  public synchronized OperationOutcome toOperationOutcome() {
    OperationOutcome outcome = new OperationOutcome();
    issues.stream()
        .sorted((a, b) -> Integer.compare(a.getSeverity().ordinal(), b.getSeverity().ordinal()))
        .forEach(outcome::addIssue);
    return outcome;
  }
}
