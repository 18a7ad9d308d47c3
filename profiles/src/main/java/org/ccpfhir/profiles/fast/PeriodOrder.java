package org.ccpfhir.profiles.fast;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;

/**
 * per-1 ({@code start <= end}) without FHIRPath, whose date comparison alters the dateTime objects
 * it compares. Values of different precision are compared on their common prefix (FHIRPath's rule
 * for partial dates); where that cannot decide, the HL7 validator does.
 */
final class PeriodOrder {

  private PeriodOrder() {}

  static boolean holds(Period period) {
    DateTimeType start = period.getStartElement();
    DateTimeType end = period.getEndElement();
    if (start.getValue() == null || end.getValue() == null) {
      return true;
    }
    String a = start.getValueAsString();
    String b = end.getValueAsString();
    boolean dateOnly = a.length() <= 10 && b.length() <= 10;
    if (dateOnly) {
      int common = Math.min(a.length(), b.length());
      int order = a.substring(0, common).compareTo(b.substring(0, common));
      if (order != 0 || a.length() == b.length()) {
        return order <= 0;
      }
    } else if (a.length() > 10 && b.length() > 10) {
      return !start.getValue().after(end.getValue());
    }
    throw new UnsupportedContentException("per-1 on values of different precision");
  }
}
