package org.ccpfhir.mappers.tolerance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;

/**
 * The TNM rows of the tolerance policy (mappers/README.md): every T, N, M, symbol, prefix and stage
 * either is a code of the MDS code list, is normalised from a known spelling (suffixes the list
 * does not know, a category letter written into the value, case) with a note of what was lost, or
 * is left out with a warning. Clinical vs. pathological: the block's name (cTNM / pTNM) decides; a
 * TNM without one (OP, Verlauf) is pathological only when its first prefix is p, since u
 * (ultrasound) is a subcategory of c and an empty prefix means clinical (ADT-GEKID 2.x).
 */
public final class TnmRules {

  private static final Set<String> T = codes(CodeSystems.TNM_T);
  private static final Set<String> N = codes(CodeSystems.TNM_N);
  private static final Set<String> M = codes(CodeSystems.TNM_M);
  private static final Set<String> STAGES = codes(CodeSystems.UICC_STAGE);
  private static final Set<String> M_SYMBOLS =
      Set.of("m", "is", "m,is", "2", "3", "4", "5", "6", "7", "8", "9");
  private static final Set<String> PREFIXES = Set.of("c", "p", "u");

  /** A parenthesised suffix such as (sn), (mol+), (cy-), (i+), (m), (DCIS). */
  private static final Pattern SUFFIX = Pattern.compile("\\([^()]*\\)");

  /** The category letter (and prefix) written into the value: pN1, N1, cM0, T2. */
  private static final Pattern CATEGORY_LETTER =
      Pattern.compile("^[cpuyra]{0,3}[TNMtnm](?=[0-9Xxia(])");

  /** Number of tumours as the m symbol: "12", "12,is". */
  private static final Pattern COUNT = Pattern.compile("^(\\d{1,3})(,is)?$");

  private TnmRules() {}

  /**
   * The normalised classification.
   *
   * @param block TRUE for a cTNM block, FALSE for pTNM, null when the element does not say
   * @param where element path of the TNM below the patient, for the issues
   */
  public static Tnm normalise(Tnm raw, Boolean block, String where, Issues issues) {
    List<String> notes = new ArrayList<>();
    String tPrefix = prefix(raw.tPrefix(), where + "/T-prefix", issues);
    String nPrefix = prefix(raw.nPrefix(), where + "/N-prefix", issues);
    String mPrefix = prefix(raw.mPrefix(), where + "/M-prefix", issues);
    String t = category(raw.t(), T, "T", where + "/T", issues, notes);
    String n = category(raw.n(), N, "N", where + "/N", issues, notes);
    String m = category(raw.m(), M, "M", where + "/M", issues, notes);
    return new Tnm(
        raw.key(),
        clinical(block, tPrefix, nPrefix, mPrefix),
        raw.date(),
        raw.version(),
        symbol(raw.ySymbol(), "y", where + "/y-symbol", issues),
        symbol(raw.rSymbol(), "r", where + "/r-symbol", issues),
        raw.aSymbol(),
        t == null ? null : tPrefix,
        t,
        mSymbol(raw.mSymbol(), where + "/m-symbol", issues, notes),
        n == null ? null : nPrefix,
        n,
        m == null ? null : mPrefix,
        m,
        stage(raw.stage(), where + "/UICC", issues),
        List.copyOf(notes));
  }

  /**
   * cTNM / pTNM blocks keep what the block says, whatever prefixes its categories carry (a cTNM
   * with pN and pM stays clinical). Otherwise the first prefix given decides; u and an empty prefix
   * count as clinical.
   */
  public static boolean clinical(Boolean block, String tPrefix, String nPrefix, String mPrefix) {
    if (block != null) {
      return block;
    }
    for (String prefix : new String[] {tPrefix, nPrefix, mPrefix}) {
      if (prefix != null) {
        return !"p".equals(prefix);
      }
    }
    return true;
  }

  /** T, N or M: a code of the list, else the known spellings, else left out. */
  static String category(
      String raw, Set<String> codes, String name, String where, Issues issues, List<String> notes) {
    if (raw == null) {
      return null;
    }
    String value = raw.replaceAll("\\s+", "");
    if (codes.contains(value)) {
      return value;
    }
    Matcher letter = CATEGORY_LETTER.matcher(value);
    if (letter.find()) {
      value = value.substring(letter.end());
    }
    value = upperX(value);
    if (codes.contains(value)) {
      issues.normalised("tnm-spelling", where, name + " written as " + Issues.quote(raw) + "");
      return value;
    }
    String base = SUFFIX.matcher(value).replaceAll("");
    List<String> suffixes = new ArrayList<>();
    Matcher s = SUFFIX.matcher(value);
    while (s.find()) {
      suffixes.add(s.group());
    }
    // the code with the most suffixes kept: base+suffix for each suffix, then the base alone
    for (String suffix : suffixes) {
      if (codes.contains(base + suffix)) {
        return withLost(raw, base + suffix, name, where, issues, notes);
      }
    }
    if (!base.isEmpty() && codes.contains(base)) {
      return withLost(raw, base, name, where, issues, notes);
    }
    issues.dropped(
        "tnm-code-unknown", where, name + " " + Issues.quote(raw) + " is no code of the MDS list");
    notes.add(name + " " + Issues.quote(raw) + " not codable, left out");
    return null;
  }

  private static String withLost(
      String raw, String code, String name, String where, Issues issues, List<String> notes) {
    String note = name + " " + Issues.quote(raw) + " coded as " + name + code;
    issues.normalised("tnm-suffix-dropped", where, note);
    notes.add(note);
    return code;
  }

  /** x → X; everything else keeps its case (is, mi, a/b/c are lower case in the list). */
  private static String upperX(String value) {
    return value.equals("x") ? "X" : value;
  }

  /** c / p / u in any case; anything else is left out. */
  static String prefix(String raw, String where, Issues issues) {
    if (raw == null) {
      return null;
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (PREFIXES.contains(value)) {
      if (!value.equals(raw)) {
        issues.normalised("tnm-spelling", where, "prefix written as " + Issues.quote(raw) + "");
      }
      return value;
    }
    issues.dropped(
        "tnm-prefix-unknown", where, "prefix " + Issues.quote(raw) + " is not c, p or u");
    return null;
  }

  /**
   * y and r: the letter in any case. Other values ("9" = unknown in older ADT code lists, "n") are
   * left out: an absent symbol means a native classification or that nobody said, and the value
   * cannot say more.
   */
  static String symbol(String raw, String letter, String where, Issues issues) {
    if (raw == null) {
      return null;
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (value.equals(letter)) {
      return letter;
    }
    issues.dropped(
        "tnm-symbol-unknown",
        where,
        letter + " symbol " + Issues.quote(raw) + " is not '" + letter + "'");
    return null;
  }

  /**
   * The m symbol: m, is, m,is or the number of tumours 2–9. Known spellings: "(m)", "M", "m1" (the
   * letter with a number) → m; a count of 10 or more → m (the exact count is noted). "1" or "0" say
   * that there are not several tumours, which the MDS expresses by no m symbol: left out.
   */
  static String mSymbol(String raw, String where, Issues issues, List<String> notes) {
    if (raw == null) {
      return null;
    }
    String value = raw.replaceAll("[\\s()]", "").toLowerCase(Locale.ROOT);
    if (M_SYMBOLS.contains(value)) {
      if (!value.equals(raw)) {
        issues.normalised("tnm-spelling", where, "m symbol written as " + Issues.quote(raw) + "");
      }
      return value;
    }
    Matcher count = COUNT.matcher(value);
    if (count.matches() && Integer.parseInt(count.group(1)) >= 10) {
      String code = count.group(2) == null ? "m" : "m,is";
      String note =
          "m symbol "
              + Issues.quote(raw)
              + " coded as "
              + code
              + " (number of tumours not codable)";
      issues.normalised("tnm-m-count", where, note);
      notes.add(note);
      return code;
    }
    if (value.matches("m\\d+(,is)?")) {
      String code = value.endsWith(",is") ? "m,is" : "m";
      String note = "m symbol " + Issues.quote(raw) + " coded as " + code;
      issues.normalised("tnm-suffix-dropped", where, note);
      notes.add(note);
      return code;
    }
    issues.dropped(
        "tnm-symbol-unknown", where, "m symbol " + Issues.quote(raw) + " is no code of the list");
    return null;
  }

  /** UICC stage: a code of the list, ignoring case and blanks ("iiia", "Stadium IIIA"). */
  static String stage(String raw, String where, Issues issues) {
    if (raw == null) {
      return null;
    }
    if (STAGES.contains(raw)) {
      return raw;
    }
    String value = raw.replaceAll("(?i)stadium|uicc|\\s+", "");
    for (String code : STAGES) {
      if (code.equalsIgnoreCase(value)) {
        issues.normalised("tnm-spelling", where, "UICC stage written as " + Issues.quote(raw) + "");
        return code;
      }
    }
    issues.dropped(
        "uicc-stage-unknown", where, "UICC stage " + Issues.quote(raw) + " is no code of the list");
    return null;
  }

  private static Set<String> codes(String system) {
    return Set.copyOf(CcpTerminology.get().codes(system));
  }
}
