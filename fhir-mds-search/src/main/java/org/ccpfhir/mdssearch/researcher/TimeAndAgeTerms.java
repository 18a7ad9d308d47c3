package org.ccpfhir.mdssearch.researcher;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time, age and vital-status criteria for the search box (issue 23 finding 1), offered from what is
 * typed, in English or German: a year ({@code 2015}, {@code diagnosed after 2015}, {@code nach
 * 2015}, {@code 2015-2020}) gives diagnosis and sample-collection periods; {@code age}, {@code
 * Alter}, {@code aged 40-60}, {@code über 60} give ages at the first diagnosis; {@code verstorben},
 * {@code alive}, {@code Vitalstatus} the vital status. Each is a count expression of the engine
 * ({@code Condition?onset-date}, {@code Specimen?collected}, {@code Patient?age-at-diagnosis},
 * {@code Patient?deceased}); the page lets the researcher change the bounds.
 */
final class TimeAndAgeTerms {

  static final String SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/count-criterion";
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(19\\d\\d|20\\d\\d)(?!\\d)");
  private static final Pattern AGE = Pattern.compile("(?<![\\d.])(\\d{1,3})(?![\\d.])");
  private static final List<String> AFTER = List.of("after", "nach", "später");
  private static final List<String> FROM = List.of("since", "seit", "from", "ab", "von", "≥", ">=");
  private static final List<String> BEFORE = List.of("before", "vor", "früher");
  private static final List<String> UNTIL = List.of("until", "bis", "up to", "≤", "<=");
  private static final List<String> DIAGNOSIS =
      List.of("diagnos", "erkrank", "date", "datum", "zeit", "period", "year", "jahr");
  private static final List<String> SAMPLE =
      List.of("sample", "probe", "collect", "entnahme", "entnommen", "specimen", "biobank");
  private static final List<String> AGE_WORDS =
      List.of("age", "alter", "years old", "jährig", "jahre");
  private static final List<String> OVER = List.of("over", "older", "über", "älter", "ab", "≥");
  private static final List<String> UNDER = List.of("under", "younger", "unter", "jünger", "<");
  private static final List<String> VITAL =
      List.of(
          "vital",
          "deceased",
          "dead",
          "died",
          "verstorben",
          "gestorben",
          "alive",
          "lebend",
          "living",
          "überleb",
          "surviv");

  private TimeAndAgeTerms() {}

  static List<SearchTerm> find(String filter) {
    String text = filter.toLowerCase(Locale.ROOT).trim();
    List<SearchTerm> found = new ArrayList<>();
    List<Integer> years = numbers(YEAR, text);
    boolean sample = any(text, SAMPLE);
    boolean age = any(text, AGE_WORDS) && !any(text, List.of("stage", "stadium"));
    if (!years.isEmpty()) {
      int[] range = yearRange(text, years);
      if (!sample) {
        found.add(diagnosed(range[0], range[1]));
      }
      found.add(collected(range[0], range[1]));
      if (sample) {
        found.add(diagnosed(range[0], range[1]));
      }
    } else if (any(text, DIAGNOSIS) && !age && !any(text, VITAL)) {
      int now = Year.now().getValue();
      found.add(diagnosed(now - 10, now - 1));
      found.add(diagnosed(now - 5, null));
    } else if (sample && !age) {
      int now = Year.now().getValue();
      found.add(collected(now - 5, null));
    }
    if (age || startsWithAge(text)) {
      List<Integer> ages = numbers(AGE, YEAR.matcher(text).replaceAll(" "));
      ages.removeIf(a -> a > 150);
      if (ages.size() >= 2) {
        found.add(aged(Math.min(ages.get(0), ages.get(1)), Math.max(ages.get(0), ages.get(1))));
      } else if (ages.size() == 1) {
        int a = ages.get(0);
        if (any(text, UNDER)) {
          found.add(aged(null, a - 1));
        } else if (any(text, OVER)) {
          found.add(aged(text.contains("over") || text.contains("über") ? a + 1 : a, null));
        } else {
          found.add(aged(a, a + 9));
          found.add(aged(a, null));
        }
      } else {
        found.add(aged(0, 17));
        found.add(aged(18, 39));
        found.add(aged(40, 59));
        found.add(aged(60, 79));
        found.add(aged(80, null));
      }
    }
    if (any(text, VITAL)) {
      found.add(
          new SearchTerm(
              "vital-status",
              SYSTEM,
              "deceased",
              "verstorben (deceased)",
              "Patient?deceased=true"));
      found.add(
          new SearchTerm(
              "vital-status",
              SYSTEM,
              "not-deceased",
              "nicht verstorben (alive or vital status unknown)",
              "Patient?deceased=false"));
    }
    return found;
  }

  private static boolean startsWithAge(String text) {
    return text.startsWith("aged") || text.startsWith("alter");
  }

  /** [from, to] of a typed period; null for an open end. */
  private static int[] yearRange(String text, List<Integer> years) {
    if (years.size() >= 2) {
      return new int[] {Math.min(years.get(0), years.get(1)), Math.max(years.get(0), years.get(1))};
    }
    int year = years.get(0);
    if (any(text, AFTER)) {
      return new int[] {year + 1, Integer.MIN_VALUE};
    }
    if (any(text, FROM)) {
      return new int[] {year, Integer.MIN_VALUE};
    }
    if (any(text, BEFORE)) {
      return new int[] {Integer.MIN_VALUE, year - 1};
    }
    if (any(text, UNTIL)) {
      return new int[] {Integer.MIN_VALUE, year};
    }
    return new int[] {year, year};
  }

  static SearchTerm diagnosed(Integer from, Integer to) {
    String words = "diagnosed " + period(from, to);
    return new SearchTerm(
        "diagnosis-date",
        SYSTEM,
        "diagnosis-date",
        words + " (Diagnosedatum)",
        "Condition?" + bounds("onset-date", from, to));
  }

  static SearchTerm collected(Integer from, Integer to) {
    String words = "sample collected " + period(from, to);
    return new SearchTerm(
        "sample-date",
        SYSTEM,
        "sample-date",
        words + " (Probenentnahme)",
        "Specimen?" + bounds("collected", from, to));
  }

  static SearchTerm aged(Integer from, Integer to) {
    String words =
        from == null
            ? "age under " + (to + 1)
            : to == null ? "age " + from + " or older" : "age " + from + "–" + to;
    return new SearchTerm(
        "age-at-diagnosis",
        SYSTEM,
        "age-at-diagnosis",
        words + " at diagnosis (Alter bei Erstdiagnose)",
        "Patient?" + bounds("age-at-diagnosis", from, to));
  }

  private static String period(Integer from, Integer to) {
    if (isOpen(from)) {
      return "until " + to;
    }
    if (isOpen(to)) {
      return "from " + from + " on";
    }
    return from.equals(to) ? "in " + from : from + "–" + to;
  }

  private static String bounds(String name, Integer from, Integer to) {
    List<String> parts = new ArrayList<>();
    if (!isOpen(from)) {
      parts.add(name + "=ge" + from);
    }
    if (!isOpen(to)) {
      parts.add(name + "=le" + to);
    }
    return String.join("&", parts);
  }

  private static boolean isOpen(Integer bound) {
    return bound == null || bound == Integer.MIN_VALUE;
  }

  private static List<Integer> numbers(Pattern pattern, String text) {
    List<Integer> numbers = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      numbers.add(Integer.parseInt(m.group(1)));
    }
    return numbers;
  }

  private static boolean any(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
