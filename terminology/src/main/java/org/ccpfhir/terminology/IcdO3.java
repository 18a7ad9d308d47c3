package org.ccpfhir.terminology;

import java.util.regex.Pattern;

/**
 * Format rules for ICD-O-3 (system {@code urn:oid:2.16.840.1.113883.6.43.1}). Its content is
 * licensed and never shipped: topography codes look like C50.9 (C00.0-C80.9), morphology codes like
 * 8500/3 (histology 8000-9999, behaviour 0, 1, 2, 3, 6 or 9).
 */
public final class IcdO3 {

  private static final Pattern TOPOGRAPHY = Pattern.compile("C([0-7][0-9]|80)\\.[0-9]");
  private static final Pattern MORPHOLOGY = Pattern.compile("[89][0-9]{3}/[012369]");
  private static final Pattern MORPHOLOGY_SHAPE = Pattern.compile("[0-9]{4}/[0-9]");

  private IcdO3() {}

  /** Accepts a topography or a morphology code (both share one system URL). */
  public static FormatCheck check(String code) {
    if (isTopography(code) || isMorphology(code)) {
      return FormatCheck.OK;
    }
    if (code != null && code.contains("/")) {
      return checkMorphology(code);
    }
    if (code != null && code.startsWith("C")) {
      return checkTopography(code);
    }
    return FormatCheck.invalid(
        "'"
            + code
            + "' is neither an ICD-O-3 topography code (e.g. C50.9) nor a morphology code"
            + " (e.g. 8500/3)");
  }

  public static FormatCheck checkTopography(String code) {
    if (isTopography(code)) {
      return FormatCheck.OK;
    }
    return FormatCheck.invalid(
        "'" + code + "' is not an ICD-O-3 topography code (C00.0-C80.9, e.g. C50.9)");
  }

  public static FormatCheck checkMorphology(String code) {
    if (isMorphology(code)) {
      return FormatCheck.OK;
    }
    if (code != null && MORPHOLOGY_SHAPE.matcher(code).matches()) {
      return FormatCheck.invalid(
          "'"
              + code
              + "' is not an ICD-O-3 morphology code: histology must be 8000-9999 and behaviour"
              + " 0, 1, 2, 3, 6 or 9");
    }
    return FormatCheck.invalid(
        "'" + code + "' is not an ICD-O-3 morphology code (four digits, slash, behaviour: 8500/3)");
  }

  public static boolean isTopography(String code) {
    return code != null && TOPOGRAPHY.matcher(code).matches();
  }

  public static boolean isMorphology(String code) {
    return code != null && MORPHOLOGY.matcher(code).matches();
  }
}
