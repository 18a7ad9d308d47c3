package org.ccpfhir.terminology;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which codes are checked by format instead of by lookup: the external systems ICD-10-GM and
 * ICD-O-3, the open-ended TNM m symbol, and the format-defined ValueSets over ICD-10-GM and
 * ICD-O-3.
 */
final class FormatRules {

  /** oBDS pattern of the m symbol: m, is, a number of tumours, each optionally with ",is". */
  private static final Pattern M_SYMBOL =
      Pattern.compile("m(,is)?|is|[2-9](,is)?|[1-9][0-9]{1,2}(,is)?");

  /** A ValueSet defined by a format over one system. */
  record PatternValueSet(String system, Function<String, FormatCheck> check) {}

  private final Map<String, Function<String, FormatCheck>> systems;
  private final Map<String, PatternValueSet> valueSets;

  FormatRules(Set<String> chapter2Categories) {
    this.systems =
        Map.of(
            CodeSystems.ICD10_GM, Icd10Gm::check,
            CodeSystems.ICDO3, IcdO3::check,
            CodeSystems.TNM_M_SYMBOL, FormatRules::checkMSymbol);
    this.valueSets =
        Map.of(
            ValueSets.ICD10GM_CHAPTER2,
            new PatternValueSet(
                CodeSystems.ICD10_GM, code -> checkChapter2(code, chapter2Categories)),
            ValueSets.ICDO3_TOPOGRAPHY,
            new PatternValueSet(CodeSystems.ICDO3, IcdO3::checkTopography),
            ValueSets.ICDO3_MORPHOLOGY,
            new PatternValueSet(CodeSystems.ICDO3, IcdO3::checkMorphology));
  }

  Optional<Function<String, FormatCheck>> forSystem(String system) {
    return Optional.ofNullable(systems.get(system));
  }

  Optional<PatternValueSet> forValueSet(String url) {
    return Optional.ofNullable(valueSets.get(url));
  }

  /** External systems that are not shipped and only format-checked. */
  boolean isExternal(String system) {
    return CodeSystems.ICD10_GM.equals(system) || CodeSystems.ICDO3.equals(system);
  }

  static FormatCheck checkMSymbol(String code) {
    if (code != null && M_SYMBOL.matcher(code).matches()) {
      return FormatCheck.OK;
    }
    return FormatCheck.invalid(
        "'" + code + "' is not a TNM m symbol (m, is, m,is or a number 2-999, optionally ',is')");
  }

  private static FormatCheck checkChapter2(String code, Set<String> categories) {
    FormatCheck format = Icd10Gm.check(code);
    if (!format.valid()) {
      return format;
    }
    String category = code.substring(0, 3);
    if (!Icd10Gm.isChapter2Category(category)) {
      return FormatCheck.invalid(
          "'" + code + "' is not in chapter II of ICD-10-GM (neoplasms, C00-D48)");
    }
    if (!categories.contains(category)) {
      return FormatCheck.invalid(
          "'" + code + "': " + category + " is not a category of ICD-10-GM chapter II");
    }
    return FormatCheck.OK;
  }
}
