package org.ccpfhir.mappers.tolerance;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * Our own date rule instead of the oBDS schema's fixed upper bound (2025-12-31, removed from the
 * shipped copy): a documented date after today cannot be a fact, so it refuses the patient. Finds
 * the dates of both formats by their shape (oBDS {@code JJJJ-MM-TT}, ADT {@code TT.MM.JJJJ}).
 */
final class DateRule {

  private DateRule() {}

  static void check(XmlElement patient, LocalDate latest, List<Issue> issues) {
    walk(patient, "", latest, issues);
  }

  private static void walk(XmlElement e, String path, LocalDate latest, List<Issue> issues) {
    for (XmlElement child : e.children()) {
      String childPath = path.isEmpty() ? child.name() : path + "/" + child.name();
      if (child.children().isEmpty()) {
        LocalDate date = parse(child.text());
        if (date != null && date.isAfter(latest)) {
          issues.add(
              new Issue(
                  Issue.Action.REFUSED,
                  "date-in-future",
                  childPath,
                  "line " + child.line() + ": a date after today"));
          return;
        }
      } else {
        walk(child, childPath, latest, issues);
      }
    }
  }

  /** The date of a text of exactly one of the two shapes, else null. */
  static LocalDate parse(String text) {
    if (text.length() != 10) {
      return null;
    }
    try {
      if (text.charAt(4) == '-' && text.charAt(7) == '-' && digits(text, 0, 4)) {
        return LocalDate.of(
            Integer.parseInt(text, 0, 4, 10),
            Integer.parseInt(text, 5, 7, 10),
            Integer.parseInt(text, 8, 10, 10));
      }
      if (text.charAt(2) == '.' && text.charAt(5) == '.' && digits(text, 6, 10)) {
        int month = Integer.parseInt(text, 3, 5, 10);
        int day = Integer.parseInt(text, 0, 2, 10);
        // ADT writes an unknown day or month as 00
        return LocalDate.of(
            Integer.parseInt(text, 6, 10, 10), Math.max(month, 1), Math.max(day, 1));
      }
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
    return null;
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
