package org.ccpfhir.mappers.tolerance;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which XML Schema problems refuse something and which do not (mappers/README.md, "Real-world
 * tolerance"). Decided by the element's path (local names from the root).
 */
public final class SchemaLeniency {

  /** What a schema problem at a path does. */
  public enum Kind {
    /** Refuses the patient it is in, or the document when it is outside every patient. */
    STRICT,
    /**
     * A field the platform never keeps (insurance data, address, sender and reporter details):
     * reported as an ignored issue, nothing refused.
     */
    DISCARDED,
    /** A value the mappers' own rules normalise or drop (TNM fields): they report it. */
    MAPPER_RULE
  }

  /** Containers whose content the bridgehead discards (IDAT beyond the local patient list). */
  private static final Set<String> DISCARDED =
      Set.of(
          // oBDS 3
          "Versichertendaten_GKV",
          "Versichertendaten_PKV",
          "Versichertendaten_Sonstige",
          "Adresse",
          "Absender",
          "Menge_Melder",
          // ADT-GEKID 2
          "KrankenversichertenNr",
          "KrankenkassenNr",
          "Menge_Adresse");

  /** TNM fields with a mapper rule: oBDS names below cTNM / pTNM / TNM, ADT names anywhere. */
  private static final Set<String> OBDS_TNM_FIELDS =
      Set.of(
          "y_Symbol",
          "r_Symbol",
          "m_Symbol",
          "T",
          "N",
          "M",
          "c_p_u_Praefix_T",
          "c_p_u_Praefix_N",
          "c_p_u_Praefix_M",
          "UICC_Stadium");

  private static final Set<String> TNM_BLOCKS = Set.of("cTNM", "pTNM", "TNM");

  private static final Set<String> ADT_TNM_FIELDS =
      Set.of(
          "TNM_y_Symbol",
          "TNM_r_Symbol",
          "TNM_m_Symbol",
          "TNM_T",
          "TNM_N",
          "TNM_M",
          "TNM_c_p_u_Praefix_T",
          "TNM_c_p_u_Praefix_N",
          "TNM_c_p_u_Praefix_M",
          "UICC");

  private SchemaLeniency() {}

  /** Xerces' list of the elements it expected: "One of '{A, B}' is expected". */
  private static final Pattern EXPECTED = Pattern.compile("One of '\\{([^}]*)}' is expected");

  /**
   * @param path slash-separated local names from the root, e.g. {@code /oBDS/Menge_Patient/…}
   * @param detail the (redacted) message: a missing element that only discarded containers could
   *     fill (no insurance block at all) counts as discarded
   */
  public static Kind classify(String path, String detail) {
    Matcher expected = EXPECTED.matcher(detail);
    if (expected.find()) {
      boolean onlyDiscarded = true;
      for (String name : expected.group(1).split(",\\s*")) {
        onlyDiscarded &= DISCARDED.contains(name.trim());
      }
      if (onlyDiscarded) {
        return Kind.DISCARDED;
      }
    }
    return classify(path);
  }

  /**
   * @param path slash-separated local names from the root, e.g. {@code /oBDS/Menge_Patient/…}
   */
  public static Kind classify(String path) {
    String[] steps = path.split("/");
    for (String step : steps) {
      if (DISCARDED.contains(step)) {
        return Kind.DISCARDED;
      }
    }
    if (steps.length >= 2) {
      String last = steps[steps.length - 1];
      String parent = steps[steps.length - 2];
      if (ADT_TNM_FIELDS.contains(last)
          || (OBDS_TNM_FIELDS.contains(last) && TNM_BLOCKS.contains(parent))) {
        return Kind.MAPPER_RULE;
      }
    }
    return Kind.STRICT;
  }
}
