package org.ccpfhir.profiles.fast;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.fast.TerminologyCheck.Verdict;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * Required bindings and code-system membership of codes, with the HL7 validator's outcomes: a
 * CodeableConcept needs one coding in the value set; codings without a system cannot be checked (a
 * warning there, nothing here); value sets or code systems nobody knows are not errors.
 */
final class BindingChecker {

  private final TerminologyCheck terminology;

  BindingChecker(TerminologyCheck terminology) {
    this.terminology = terminology;
  }

  /**
   * Checks an instance of an element with a required binding to {@code valueSet}; true if it is not
   * in the value set (an error was recorded).
   */
  boolean checkRequired(Base value, String valueSet, String location, Issues issues) {
    if (value instanceof CodeableConcept concept) {
      return !checkConcept(concept, valueSet, location, issues);
    } else if (value instanceof Coding coding) {
      if (coding.hasSystem()) {
        Verdict verdict = codeInValueSet(valueSet, coding);
        if (!verdict.valid()) {
          issues.error(
              location,
              "Terminology_TX_NoValid_12",
              notInValueSet(coding.getSystem(), coding.getCode(), valueSet, verdict));
          return true;
        }
      }
    } else if (value instanceof PrimitiveType<?> primitive) {
      String code = primitive.getValueAsString();
      if (code != null) {
        Verdict verdict = terminology.inValueSet(valueSet, null, code);
        if (!verdict.valid()) {
          issues.error(
              location, "Terminology_TX_NoValid_16", notInValueSet(null, code, valueSet, verdict));
          return true;
        }
      }
    } else {
      throw new UnsupportedContentException("required binding on " + value.fhirType());
    }
    return false;
  }

  /** Checks a coding outside required bindings against its code system, if that is known. */
  void checkCodeSystem(Coding coding, String location, Issues issues) {
    if (!coding.hasSystem()) {
      return;
    }
    // without a code, known code systems reject the coding (HL7: "Unknown code 'null'")
    Verdict verdict = terminology.inCodeSystem(coding.getSystem(), coding.getCode());
    if (!verdict.valid()) {
      issues.error(
          location,
          "Terminology_TX_Code",
          "Unknown code '"
              + coding.getCode()
              + "' in the code system '"
              + coding.getSystem()
              + "'"
              + (verdict.message() == null ? "" : ": " + verdict.message()));
    }
  }

  /** True if the concept has a coding in the value set (or none that could be checked). */
  private boolean checkConcept(
      CodeableConcept concept, String valueSet, String location, Issues issues) {
    if (!concept.hasCoding()) {
      issues.error(
          location,
          "Terminology_TX_Code_ValueSet_MISSING",
          "No code provided, and a code is required from the value set " + valueSet);
      return false;
    }
    List<String> tried = new ArrayList<>();
    for (Coding coding : concept.getCoding()) {
      if (!coding.hasSystem() && !coding.hasCode()) {
        continue; // nothing to look up (a display or extension only)
      }
      // without a system the HL7 validator infers it from the value set
      Verdict verdict =
          coding.hasSystem()
              ? codeInValueSet(valueSet, coding)
              : terminology.inValueSet(valueSet, null, coding.getCode());
      if (verdict.valid()) {
        return true;
      }
      tried.add(coding.getSystem() + "#" + coding.getCode());
    }
    if (tried.isEmpty()) {
      return true;
    }
    issues.error(
        location,
        "Terminology_TX_NoValid_1_CC",
        "None of the codings provided are in the value set " + valueSet + " " + tried);
    return false;
  }

  /** A coding with a system but no code is never in a value set (HL7: "Unknown code 'null'"). */
  private Verdict codeInValueSet(String valueSet, Coding coding) {
    if (!coding.hasCode()) {
      return new Verdict(true, false, "the coding has no code");
    }
    return terminology.inValueSet(valueSet, coding.getSystem(), coding.getCode());
  }

  private static String notInValueSet(
      String system, String code, String valueSet, Verdict verdict) {
    return "The code '"
        + code
        + "'"
        + (system == null ? "" : " (system '" + system + "')")
        + " is not in the value set "
        + valueSet
        + (verdict.message() == null ? "" : ": " + verdict.message());
  }
}
