package org.ccpfhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationIssue;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationIssueCode;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationIssueCoding;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/** Builds the {@link CodeValidationResult}s this module answers with. */
final class CodeResults {

  private static final String SOURCE = "ccp-fhir terminology";

  private CodeResults() {}

  /** A known concept; warns (HAPI style) if the given display matches no known display. */
  static CodeValidationResult forConcept(
      CodeSystem codeSystem, ConceptDefinitionComponent concept, String display) {
    CodeValidationResult result =
        new CodeValidationResult()
            .setCode(concept.getCode())
            .setDisplay(concept.getDisplay())
            .setCodeSystemName(codeSystem.getName())
            .setCodeSystemVersion(codeSystem.getVersion())
            .setSourceDetails(SOURCE);
    if (display != null && !display.isBlank() && !knownDisplay(concept, display)) {
      String message =
          "Concept Display \""
              + display
              + "\" does not match expected \""
              + concept.getDisplay()
              + "\" for '"
              + codeSystem.getUrl()
              + "#"
              + concept.getCode()
              + "'";
      result
          .setSeverity(IssueSeverity.WARNING)
          .setMessage(message)
          .addIssue(
              new CodeValidationIssue(
                  message,
                  IssueSeverity.WARNING,
                  CodeValidationIssueCode.INVALID,
                  CodeValidationIssueCoding.INVALID_DISPLAY));
    }
    return result;
  }

  /** A code accepted by format only (external systems, open-ended lists): no display known. */
  static CodeValidationResult wellFormed(String system, String code, String display) {
    return new CodeValidationResult()
        .setCode(code)
        .setDisplay(display)
        .setCodeSystemName(system)
        .setSourceDetails(SOURCE);
  }

  static CodeValidationResult invalid(String message) {
    return error(message, CodeValidationIssueCoding.INVALID_CODE);
  }

  static CodeValidationResult notInValueSet(String message) {
    return error(message, CodeValidationIssueCoding.NOT_IN_VS);
  }

  private static CodeValidationResult error(String message, CodeValidationIssueCoding coding) {
    return new CodeValidationResult()
        .setSeverity(IssueSeverity.ERROR)
        .setMessage(message)
        .setSourceDetails(SOURCE)
        .addIssue(
            new CodeValidationIssue(
                message, IssueSeverity.ERROR, CodeValidationIssueCode.CODE_INVALID, coding));
  }

  private static boolean knownDisplay(ConceptDefinitionComponent concept, String display) {
    String wanted = display.strip().toLowerCase(Locale.ROOT);
    if (concept.hasDisplay() && concept.getDisplay().toLowerCase(Locale.ROOT).equals(wanted)) {
      return true;
    }
    return concept.getDesignation().stream()
        .anyMatch(
            d -> d.getValue() != null && d.getValue().toLowerCase(Locale.ROOT).equals(wanted));
  }
}
