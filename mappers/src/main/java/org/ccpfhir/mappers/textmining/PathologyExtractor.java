package org.ccpfhir.mappers.textmining;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based extraction from German and English pathology report text: TNM (via {@link
 * TnmExtractor}), TNM edition, UICC stage, grading, residual status and ICD-O-3 morphology codes.
 * Works on the text in memory only; stateless and thread-safe.
 */
public final class PathologyExtractor {

  private static final Pattern VERSION =
      Pattern.compile(
          "(?i)(?:TNM|UICC|AJCC)[^.;\\n]{0,25}?\\b([678])\\s?(?:\\.|th|te|e)?\\s?"
              + "(?:Aufl(?:age|\\.)?|ed(?:ition|\\.)?|Ausgabe)"
              + "|\\b([678])\\s?(?:\\.|th)\\s?(?:Aufl(?:age|\\.)?|ed(?:ition|\\.)?|Ausgabe)"
              + "[^.;\\n]{0,12}?(?:TNM|UICC|AJCC)"
              + "|\\bTNM[- ]?v?([678])\\b"
              + "|(?:TNM|UICC)[^.;\\n]{0,12}?\\b(2017|2009|2010|2002)\\b");

  private static final Map<String, String> YEAR_TO_EDITION =
      Map.of("2017", "8", "2009", "7", "2010", "7", "2002", "6");

  private static final Pattern UICC =
      Pattern.compile(
          "(?<!FIGO[- ])(?<!FIGO)(?<!Arbor[- ])(?:UICC[- ]?(?:Stadium|[Ss]tage)?|Stadium|[Ss]tage(?:\\s?group)?)"
              + "\\s?(?:\\(UICC\\)|nach UICC|UICC)?\\s?[:=]?\\s?(?:UICC\\s?)?"
              + "(?<st>IV[ABC]?|III[ABCD]?[12]?|II[ABC]?[12]?|I[ABC]?[123]?|IS|0is|0a|0)"
              + "(?![A-Za-z0-9])");

  private static final Pattern GRADING_TOKEN =
      Pattern.compile("(?<![A-Za-z0-9/-])G\\s?(?<g>[1-4]|X|x)(?![A-Za-z0-9+])");

  private static final Pattern GRADING_WORD =
      Pattern.compile(
          "(?i)(?<!WHO[- ])(?<!Gleason[- ])(?<!nuclear )(?<!Kern)(?<!regression )"
              + "(?:Grading|Differenzierungsgrad|Malignitätsgrad|histologic(?:al)? grade|"
              + "grade|Grad)\\s?[:=]?\\s?(?:G\\s?)?(?<g>[1-4]|X)(?![A-Za-z0-9+])");

  private static final Pattern GRADING_DIFFERENTIATION =
      Pattern.compile(
          "(?i)\\b(?<w>gut|mäßig|maessig|mittelgradig|schlecht|gering|wenig|un|well|moderately|"
              + "poorly)[- ]?(?:differenziert|differentiated)");

  private static final Pattern RESIDUAL =
      Pattern.compile(
          "(?<![A-Za-z0-9])R\\s?(?<r>[012]|X)(?:\\s?\\((?<s>is|cy\\+)\\))?(?![A-Za-z0-9])");

  private static final Pattern MORPHOLOGY =
      Pattern.compile("(?<![0-9/.,-])(?<code>[89][0-9]{3}/[0-369])(?![0-9])");

  private final TnmExtractor tnm = new TnmExtractor();

  public Findings extract(String text) {
    TnmExtractor.Tnm t = tnm.extract(text);
    return new Findings(
        t.y,
        t.r,
        t.tPrefix,
        t.t,
        t.mSymbol,
        t.nPrefix,
        t.n,
        t.mPrefix,
        t.m,
        version(text),
        last(UICC, text, "st"),
        grading(text),
        residual(text),
        morphologies(text));
  }

  private static String version(String text) {
    Matcher m = VERSION.matcher(text);
    String found = null;
    while (m.find()) {
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          found = m.group(g);
        }
      }
      if (m.group(4) != null) {
        found = YEAR_TO_EDITION.get(m.group(4));
      }
    }
    return found;
  }

  private static String grading(String text) {
    String token = last(GRADING_TOKEN, text, "g");
    if (token == null) {
      token = last(GRADING_WORD, text, "g");
    }
    if (token != null) {
      return token.toUpperCase();
    }
    String word = last(GRADING_DIFFERENTIATION, text, "w");
    if (word == null) {
      return null;
    }
    return switch (word.toLowerCase()) {
      case "gut", "well" -> "1";
      case "mäßig", "maessig", "mittelgradig", "moderately" -> "2";
      case "schlecht", "gering", "wenig", "poorly" -> "3";
      default -> "4";
    };
  }

  private static String residual(String text) {
    Matcher m = RESIDUAL.matcher(text);
    String found = null;
    while (m.find()) {
      found = "R" + m.group("r") + (m.group("s") == null ? "" : "(" + m.group("s") + ")");
    }
    return found;
  }

  private static List<String> morphologies(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = MORPHOLOGY.matcher(text);
    while (m.find()) {
      if (!out.contains(m.group("code"))) {
        out.add(m.group("code"));
      }
    }
    return out;
  }

  private static String last(Pattern p, String text, String group) {
    Matcher m = p.matcher(text);
    String found = null;
    while (m.find()) {
      found = m.group(group);
    }
    return found;
  }
}
