package org.ccpfhir.bridgehead.export.anonymity;

import java.util.List;
import java.util.regex.Pattern;

/** The generalisation hierarchies of the study export's quasi-identifiers. */
public final class Hierarchies {

  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private Hierarchies() {}

  /** Age in whole years: exact → 5-, 10-, 20-year bands → suppressed. */
  public static Hierarchy age(String name) {
    return new LeveledHierarchy(
        name,
        List.of("years", "5-year bands", "10-year bands", "20-year bands", "suppressed"),
        (value, level) -> {
          if (!DIGITS.matcher(value).matches()) {
            return Hierarchy.UNKNOWN;
          }
          int width = level == 1 ? 5 : level == 2 ? 10 : 20;
          int from = Integer.parseInt(value) / width * width;
          return from + "-" + (from + width - 1);
        });
  }

  /** A code kept or suppressed, nothing between (sex). */
  public static Hierarchy keptOrSuppressed(String name) {
    return new LeveledHierarchy(name, List.of("value", "suppressed"), (value, level) -> value);
  }

  /** A month {@code YYYY-MM}: month → quarter → year → 5-year span → suppressed. */
  public static Hierarchy month(String name) {
    return new LeveledHierarchy(
        name,
        List.of("month", "quarter", "year", "5-year spans", "suppressed"),
        (value, level) -> {
          if (!YEAR_MONTH.matcher(value).matches()) {
            return Hierarchy.UNKNOWN;
          }
          int year = Integer.parseInt(value.substring(0, 4));
          int month = Integer.parseInt(value.substring(5, 7));
          return switch (level) {
            case 1 -> year + "-Q" + ((month - 1) / 3 + 1);
            case 2 -> Integer.toString(year);
            default -> (year / 5 * 5) + "-" + (year / 5 * 5 + 4);
          };
        });
  }

  /** A German postcode: 5 → 3 → 2 → 1 leading digits → suppressed; dropped digits become '*'. */
  public static Hierarchy postcode(String name) {
    return new LeveledHierarchy(
        name,
        List.of("postcode", "3 digits", "2 digits", "1 digit", "suppressed"),
        (value, level) -> {
          if (!DIGITS.matcher(value).matches()) {
            return Hierarchy.UNKNOWN;
          }
          int keep = Math.min(value.length(), 4 - level);
          return value.substring(0, keep) + "*".repeat(value.length() - keep);
        });
  }

  /** ICD-10: code → three-character category → block → chapter → suppressed. */
  public static Hierarchy icd10(String name) {
    return new LeveledHierarchy(
        name,
        List.of("code", "category", "block", "chapter", "suppressed"),
        (value, level) ->
            switch (level) {
              case 1 -> Icd10Groups.category(value);
              case 2 -> Icd10Groups.block(value);
              default -> Icd10Groups.chapter(value);
            });
  }
}
