package org.ccpfhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

/**
 * Decides whether a code is valid in one of our code systems or ValueSets. Every method returns
 * null when the system or ValueSet is not ours, so that other supports in a chain can answer.
 */
final class CodeChecker {

  private final CcpTerminology terminology;
  private final FormatRules rules;

  CodeChecker(CcpTerminology terminology, FormatRules rules) {
    this.terminology = terminology;
    this.rules = rules;
  }

  boolean supportsSystem(String system) {
    String plain = CodeSystems.stripVersion(system);
    return terminology.isShipped(plain) || rules.isExternal(plain);
  }

  boolean supportsValueSet(String valueSetUrl) {
    return terminology.sharedValueSet(valueSetUrl) != null;
  }

  CodeValidationResult inCodeSystem(String system, String code, String display) {
    String plain = CodeSystems.stripVersion(system);
    CodeSystem codeSystem = terminology.sharedCodeSystem(plain);
    Optional<Function<String, FormatCheck>> rule = rules.forSystem(plain);
    if (codeSystem != null) {
      ConceptDefinitionComponent concept = terminology.findConcept(plain, code);
      if (concept != null) {
        return CodeResults.forConcept(codeSystem, concept, display);
      }
      // Open-ended systems (content "fragment") also accept codes matching their pattern.
      if (rule.isPresent() && rule.get().apply(code).valid()) {
        return CodeResults.wellFormed(plain, code, display);
      }
      return CodeResults.invalid("Unknown code '" + code + "' in CodeSystem '" + plain + "'");
    }
    if (rules.isExternal(plain)) {
      FormatCheck check = rule.orElseThrow().apply(code);
      return check.valid()
          ? CodeResults.wellFormed(plain, code, display)
          : CodeResults.invalid(check.message());
    }
    return null;
  }

  CodeValidationResult inValueSet(String valueSetUrl, String system, String code, String display) {
    String url = CodeSystems.stripVersion(valueSetUrl);
    ValueSet valueSet = terminology.sharedValueSet(url);
    if (valueSet == null) {
      return null;
    }
    Optional<FormatRules.PatternValueSet> pattern = rules.forValueSet(url);
    if (pattern.isPresent()) {
      return inPatternValueSet(url, pattern.get(), system, code, display);
    }
    List<ConceptSetComponent> includes = valueSet.getCompose().getInclude();
    String effectiveSystem = system;
    if (isBlank(system) && includes.size() == 1) {
      effectiveSystem = includes.get(0).getSystem();
    }
    ConceptSetComponent include = findInclude(includes, CodeSystems.stripVersion(effectiveSystem));
    if (include == null) {
      return CodeResults.notInValueSet(
          "Code system '" + system + "' is not part of ValueSet '" + url + "'");
    }
    CodeValidationResult result = inCodeSystem(include.getSystem(), code, display);
    if (result == null) {
      return null;
    }
    if (!result.isOk() || !listed(include, code)) {
      return CodeResults.notInValueSet(
          "Code '" + code + "' is not in ValueSet '" + url + "'" + reason(result));
    }
    return result;
  }

  private static CodeValidationResult inPatternValueSet(
      String url, FormatRules.PatternValueSet pattern, String system, String code, String display) {
    String plain = CodeSystems.stripVersion(system);
    if (!isBlank(plain) && !pattern.system().equals(plain)) {
      return CodeResults.notInValueSet(
          "Code system '" + plain + "' is not part of ValueSet '" + url + "'");
    }
    FormatCheck check = pattern.check().apply(code);
    if (!check.valid()) {
      return CodeResults.notInValueSet(
          "Code '" + code + "' is not in ValueSet '" + url + "': " + check.message());
    }
    return CodeResults.wellFormed(pattern.system(), code, display);
  }

  private static ConceptSetComponent findInclude(
      List<ConceptSetComponent> includes, String system) {
    return includes.stream()
        .filter(include -> include.getSystem() != null && include.getSystem().equals(system))
        .findFirst()
        .orElse(null);
  }

  private static boolean listed(ConceptSetComponent include, String code) {
    return !include.hasConcept()
        || include.getConcept().stream().anyMatch(c -> c.getCode().equals(code));
  }

  private static String reason(CodeValidationResult result) {
    return result.isOk() ? "" : ": " + result.getMessage();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
