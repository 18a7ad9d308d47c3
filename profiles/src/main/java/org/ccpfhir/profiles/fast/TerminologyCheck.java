package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code membership through the same validation-support chain the HL7 validator uses (so the MDS
 * value sets, the ICD-10-GM / ICD-O-3 format value sets and the base-spec value sets answer alike),
 * with a cache per (value set, system, code): the code lists are small and fixed, while the chain's
 * own cache costs a key object and a Caffeine lookup per call.
 */
final class TerminologyCheck {

  /** Outcome of one lookup; {@code known} false = nobody could answer (no error, as in HL7). */
  record Verdict(boolean known, boolean valid, String message) {
    static final Verdict UNKNOWN = new Verdict(false, true, null);
  }

  private final IValidationSupport support;
  private final ValidationSupportContext context;
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
  private final Map<String, Boolean> supportedSystems = new ConcurrentHashMap<>();

  TerminologyCheck(IValidationSupport support) {
    this.support = support;
    this.context = new ValidationSupportContext(support);
  }

  /** Is the code (system null: a {@code code} element, system inferred) in the value set? */
  Verdict inValueSet(String valueSet, String system, String code) {
    String key = valueSet + '\u0000' + system + '\u0000' + code;
    Verdict cached = verdicts.get(key);
    if (cached != null) {
      return cached;
    }
    ConceptValidationOptions options =
        new ConceptValidationOptions().setInferSystem(system == null);
    Verdict verdict = verdict(support.validateCode(context, options, system, code, null, valueSet));
    verdicts.put(key, verdict);
    return verdict;
  }

  /**
   * Is the code defined in its code system? Only for code systems the chain knows (ours, the
   * base-spec ones); others (LOINC, OPS, ATC) are warnings in the HL7 setup and skipped here.
   */
  Verdict inCodeSystem(String system, String code) {
    if (!supportedSystems.computeIfAbsent(system, s -> support.isCodeSystemSupported(context, s))) {
      return Verdict.UNKNOWN;
    }
    String key = '\u0000' + system + '\u0000' + code;
    Verdict cached = verdicts.get(key);
    if (cached != null) {
      return cached;
    }
    Verdict verdict =
        verdict(
            support.validateCode(
                context, new ConceptValidationOptions(), system, code, null, null));
    verdicts.put(key, verdict);
    return verdict;
  }

  private static Verdict verdict(CodeValidationResult result) {
    if (result == null) {
      return Verdict.UNKNOWN;
    }
    IValidationSupport.IssueSeverity severity = result.getSeverity();
    // warnings (unknown code systems such as LOINC, display mismatches) leave the code valid
    boolean error =
        severity == IValidationSupport.IssueSeverity.ERROR
            || severity == IValidationSupport.IssueSeverity.FATAL
            || (severity == null && !result.isOk());
    return new Verdict(true, !error, result.getMessage());
  }
}
