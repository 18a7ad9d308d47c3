package org.ccpfhir.mdssearch.researcher;

import java.util.Locale;

/**
 * One term a researcher can put into a query: what it is, how it is shown, and the count-search
 * expression that selects the patients having it.
 *
 * @param kind diagnosis, entity, morphology, stage, stage-group, therapy, sample-type, sex,
 *     diagnosis-date, sample-date, age-at-diagnosis or vital-status
 * @param system the code system of {@code code}
 * @param code the code as the data carry it
 * @param display German display (the terminology's), with the English designation in brackets
 * @param criteria the expression in the count-search syntax ({@code application/x-fhir-query})
 */
public record SearchTerm(String kind, String system, String code, String display, String criteria) {

  /** Whether every word of the (lower-case) filter occurs in code or display. */
  boolean matches(String[] words) {
    String haystack = (code + " " + display + " " + kind).toLowerCase(Locale.ROOT);
    for (String word : words) {
      if (!haystack.contains(word)) {
        return false;
      }
    }
    return true;
  }
}
