package org.ccpfhir.terminology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Format rules for ICD-10-GM codes. The catalogue itself is not shipped; a well-formed code is
 * accepted as it cannot be looked up. Chapter II (neoplasms) is C00-D48.
 */
public final class Icd10Gm {

  private static final Pattern CODE = Pattern.compile("[A-Z][0-9]{2}(\\.[0-9]{1,2})?");
  private static final Pattern NO_DOT = Pattern.compile("[A-Z][0-9]{3,4}");
  private static final String EXAMPLES = "expected e.g. C50, C50.9 or C83.30";

  private Icd10Gm() {}

  public static FormatCheck check(String code) {
    if (code == null || code.isBlank()) {
      return FormatCheck.invalid("ICD-10-GM code is empty");
    }
    if (!code.equals(code.strip())) {
      return FormatCheck.invalid("ICD-10-GM code '" + code + "' has leading or trailing spaces");
    }
    if (CODE.matcher(code).matches()) {
      return FormatCheck.OK;
    }
    return FormatCheck.invalid(explain(code));
  }

  public static boolean isWellFormed(String code) {
    return check(code).valid();
  }

  /** The three-character category of a well-formed code, e.g. C50 for C50.9. */
  public static Optional<String> category(String code) {
    return isWellFormed(code) ? Optional.of(code.substring(0, 3)) : Optional.empty();
  }

  /** True for well-formed codes of chapter II (neoplasms, C00-D48). */
  public static boolean isChapter2(String code) {
    return category(code).map(Icd10Gm::isChapter2Category).orElse(false);
  }

  static boolean isChapter2Category(String category) {
    return category.compareTo("C00") >= 0 && category.compareTo("D48") <= 0;
  }

  private static String explain(String code) {
    String prefix = "'" + code + "' is not a well-formed ICD-10-GM code: ";
    if (code.endsWith(".-")) {
      return prefix
          + "'.-' marks a catalogue heading, not a codable value; use the category ("
          + code.substring(0, code.length() - 2)
          + ") or a terminal code";
    }
    if (code.matches(".*[+*!†].*")) {
      return prefix + "send the code without the dagger/asterisk/exclamation marker";
    }
    if (CODE.matcher(code.toUpperCase(Locale.ROOT)).matches()) {
      return prefix + "letters must be upper case (" + code.toUpperCase(Locale.ROOT) + ")";
    }
    if (NO_DOT.matcher(code).matches()) {
      return prefix + "a dot must follow the three-character category (" + withDot(code) + ")";
    }
    return prefix + EXAMPLES;
  }

  private static String withDot(String code) {
    return code.substring(0, 3) + "." + code.substring(3);
  }
}
