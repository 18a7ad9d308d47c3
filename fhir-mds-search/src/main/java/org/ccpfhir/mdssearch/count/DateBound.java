package org.ccpfhir.mdssearch.count;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A date search value as an inclusive day interval: {@code ge2020} is [2020-01-01, open), {@code
 * lt2020-03} is (open, 2020-02-29], {@code 2020-03-05} is that day.
 *
 * @param from first day, null when open
 * @param to last day, null when open
 */
record DateBound(LocalDate from, LocalDate to) {

  static DateBound parse(String name, String value) {
    String prefix =
        value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
    String date = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
    LocalDate start;
    LocalDate end;
    try {
      if (date.length() == 4) {
        start = Year.parse(date).atDay(1);
        end = start.plusYears(1).minusDays(1);
      } else if (date.length() == 7) {
        start = YearMonth.parse(date).atDay(1);
        end = YearMonth.parse(date).atEndOfMonth();
      } else if (date.length() == 10) {
        start = LocalDate.parse(date);
        end = start;
      } else {
        throw new DateTimeParseException("length", date, 0);
      }
    } catch (DateTimeParseException e) {
      throw new CriteriaException(
          "parameter '"
              + name
              + "': '"
              + CriteriaParser.shorten(value)
              + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD with prefix eq, ge, gt, le or lt)");
    }
    return switch (prefix) {
      case "eq" -> new DateBound(start, end);
      case "ge" -> new DateBound(start, null);
      case "gt" -> new DateBound(end.plusDays(1), null);
      case "le" -> new DateBound(null, end);
      case "lt" -> new DateBound(null, start.minusDays(1));
      default ->
          throw new CriteriaException(
              "parameter '"
                  + name
                  + "': prefix '"
                  + CriteriaParser.shorten(prefix)
                  + "' is not supported (eq, ge, gt, le, lt)");
    };
  }

  /** Both bounds at once (repeated parameter: {@code ge2020&lt2021}). */
  DateBound intersect(DateBound other) {
    LocalDate f =
        from == null
            ? other.from
            : other.from == null || from.isAfter(other.from) ? from : other.from;
    LocalDate t = to == null ? other.to : other.to == null || to.isBefore(other.to) ? to : other.to;
    return new DateBound(f, t);
  }
}
