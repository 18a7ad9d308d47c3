package org.ccpfhir.mappers.textmining;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the TNM categories in report text. A T written without a c/p/u prefix counts only when an N
 * or M follows within the same expression ("T2 N0 M0"), so that "T2-gewichtet" (MRI) or "T1"
 * (vertebra) are not read as TNM. When a report gives several classifications (clinical before
 * therapy, pathological after), the last pathological one wins, else the last one.
 */
final class TnmExtractor {

  /** Symbols y, r, a and the c/p/u prefix, then the category letter. */
  private static final String PRE = "(?<![A-Za-z0-9])(?<sym%1$s>[yra]{0,3})(?<pre%1$s>[cpu]?)";

  private static final String T_VALUE =
      "T(?<t>is(?:\\s?\\((?:DCIS|LCIS|Paget|pu|pd)\\))?|[Xx]|a|0|[1-4](?:mi|[a-e][1-3]?)?)"
          + "(?:\\s?\\((?<tm>m|\\d{1,3})\\))?";
  private static final String N_VALUE =
      "N(?<n>[Xx]|[0-3](?:mi|[a-c])?)(?:\\s?\\((?<ns>sn|i\\+|i-|mol\\+|mol-)\\))?";
  private static final String M_VALUE = "M(?<m>[Xx]|[01][a-d]?)(?:\\s?\\((?<ms>i\\+)\\))?";

  private static final String SEP = "[\\s,;/]{0,3}";

  /** T, optionally followed by N and M. */
  private static final Pattern T_GROUP =
      Pattern.compile(
          PRE.formatted("T")
              + T_VALUE
              + "(?:"
              + SEP
              + "(?:\\([^)]{0,20}\\)"
              + SEP
              + ")?"
              + PRE.formatted("N")
              + N_VALUE
              + ")?"
              + "(?:"
              + SEP
              + "(?:\\([^)]{0,20}\\)"
              + SEP
              + ")?"
              + "(?:(?:L|V|R|Pn)[0-9X]"
              + SEP
              + "){0,4}"
              + PRE.formatted("M")
              + M_VALUE
              + ")?"
              + "(?![A-Za-z0-9])");

  /** A prefixed N or M standing alone ("pN1a", "cM0"). */
  private static final Pattern N_ALONE =
      Pattern.compile(
          "(?<![A-Za-z0-9])(?<symN>[yra]{0,3})(?<preN>[cp])" + N_VALUE + "(?![A-Za-z0-9])");

  private static final Pattern M_ALONE =
      Pattern.compile(
          "(?<![A-Za-z0-9])(?<symM>[yra]{0,3})(?<preM>[cp])" + M_VALUE + "(?![A-Za-z0-9])");

  /** Mutable result of one pass. */
  static final class Tnm {
    String y;
    String r;
    String tPrefix;
    String t;
    String mSymbol;
    String nPrefix;
    String n;
    String mPrefix;
    String m;
  }

  Tnm extract(String text) {
    Tnm best = null;
    boolean bestPathological = false;
    Matcher g = T_GROUP.matcher(text);
    while (g.find()) {
      boolean prefixed = !g.group("preT").isEmpty() || !g.group("symT").isEmpty();
      boolean hasFollower = g.group("n") != null || g.group("m") != null;
      if (!prefixed && !hasFollower) {
        continue;
      }
      Tnm tnm = new Tnm();
      symbols(tnm, g.group("symT"));
      tnm.tPrefix = emptyToNull(g.group("preT"));
      tnm.t = upperX(g.group("t")).replace(" ", "");
      tnm.mSymbol = g.group("tm");
      if (g.group("n") != null) {
        symbols(tnm, g.group("symN"));
        tnm.nPrefix = emptyToNull(g.group("preN"));
        tnm.n = withSuffix(upperX(g.group("n")), g.group("ns"));
      }
      if (g.group("m") != null) {
        tnm.mPrefix = emptyToNull(g.group("preM"));
        tnm.m = withSuffix(upperX(g.group("m")), g.group("ms"));
      }
      boolean pathological = "p".equals(tnm.tPrefix);
      if (best == null || pathological || !bestPathological) {
        best = tnm;
        bestPathological = pathological;
      }
    }
    if (best == null) {
      best = new Tnm();
    }
    if (best.n == null) {
      // a lone N belongs to the classification only if it is of the same kind (pN with pT)
      Matcher n = N_ALONE.matcher(text);
      while (n.find()) {
        if (best.t != null && !n.group("preN").equals(best.tPrefix)) {
          continue;
        }
        symbols(best, n.group("symN"));
        best.nPrefix = n.group("preN");
        best.n = withSuffix(upperX(n.group("n")), n.group("ns"));
      }
    }
    if (best.m == null) {
      Matcher m = M_ALONE.matcher(text);
      while (m.find()) {
        best.mPrefix = m.group("preM");
        best.m = withSuffix(upperX(m.group("m")), m.group("ms"));
      }
    }
    return best;
  }

  private static void symbols(Tnm tnm, String symbols) {
    if (symbols.indexOf('y') >= 0) {
      tnm.y = "y";
    }
    if (symbols.indexOf('r') >= 0) {
      tnm.r = "r";
    }
  }

  private static String withSuffix(String value, String suffix) {
    return suffix == null ? value : value + "(" + suffix + ")";
  }

  private static String upperX(String value) {
    return value.equals("x") ? "X" : value;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
