package org.ccpfhir.mdssearch.count;

/**
 * An age search value in whole years as an inclusive interval: {@code ge40} is [40, open), {@code
 * lt60} is [0, 59], {@code 45} is [45, 45]. Repeated values intersect ({@code ge40&le59}).
 *
 * @param from youngest age included
 * @param to oldest age included
 */
record AgeBound(int from, int to) {

  static final int OLDEST = 150;

  static AgeBound parse(String name, String value) {
    boolean prefixed = value.length() > 2 && Character.isLetter(value.charAt(0));
    String prefix = prefixed ? value.substring(0, 2) : "eq";
    String number = prefixed ? value.substring(2) : value;
    int years;
    try {
      if (number.isEmpty() || number.length() > 3) {
        throw new NumberFormatException();
      }
      years = Integer.parseInt(number);
    } catch (NumberFormatException e) {
      throw invalid(name, value);
    }
    if (years < 0 || years > OLDEST) {
      throw invalid(name, value);
    }
    return switch (prefix) {
      case "eq" -> new AgeBound(years, years);
      case "ge" -> new AgeBound(years, OLDEST);
      case "gt" -> new AgeBound(years + 1, OLDEST);
      case "le" -> new AgeBound(0, years);
      case "lt" -> new AgeBound(0, years - 1);
      default ->
          throw new CriteriaException(
              "parameter '"
                  + name
                  + "': prefix '"
                  + CriteriaParser.shorten(prefix)
                  + "' is not supported (eq, ge, gt, le, lt)");
    };
  }

  private static CriteriaException invalid(String name, String value) {
    return new CriteriaException(
        "parameter '"
            + name
            + "': '"
            + CriteriaParser.shorten(value)
            + "' is not an age in whole years from 0 to "
            + OLDEST
            + " (with prefix eq, ge, gt, le or lt)");
  }

  AgeBound intersect(AgeBound other) {
    return new AgeBound(Math.max(from, other.from), Math.min(to, other.to));
  }

  boolean contains(int years) {
    return years >= from && years <= to;
  }
}
