package org.ccpfhir.mappers.fhir;

import java.time.LocalDate;

/**
 * A date as the German reporting formats give it: a full date plus how exact it is (E exact, T day
 * estimated, M month estimated, V fully estimated). FHIR gets only the part that is known.
 */
public record FuzzyDate(LocalDate date, Precision precision) implements Comparable<FuzzyDate> {

  /** Exactness codes of oBDS ({@code Datumsgenauigkeit}) and ADT-GEKID. */
  public enum Precision {
    DAY,
    MONTH,
    YEAR
  }

  public static FuzzyDate exact(LocalDate date) {
    return new FuzzyDate(date, Precision.DAY);
  }

  /** From an oBDS / ADT exactness code; an unknown code is treated as exact. */
  public static FuzzyDate of(LocalDate date, String exactness) {
    if (exactness == null) {
      return exact(date);
    }
    return switch (exactness) {
      case "T" -> new FuzzyDate(date, Precision.MONTH);
      case "M", "V" -> new FuzzyDate(date, Precision.YEAR);
      default -> exact(date);
    };
  }

  /** FHIR date string at the known precision: YYYY-MM-DD, YYYY-MM or YYYY. */
  public String toFhir() {
    String iso = date.toString();
    return switch (precision) {
      case DAY -> iso;
      case MONTH -> iso.substring(0, 7);
      case YEAR -> iso.substring(0, 4);
    };
  }

  @Override
  public int compareTo(FuzzyDate o) {
    return date.compareTo(o.date);
  }
}
