package org.ccpfhir.profiles.withdrawal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The deadline of a withdrawal (CCP-IT §6.5: "maximal innerhalb von 14 Werktagen"): 14 working days
 * after the day it was received, Saturdays and Sundays skipped. Public holidays differ per German
 * state and are not counted as such (the deadline is then a day or two stricter than the law's).
 * One rule for every component, so the site, the central list and the informed sites show the same
 * date.
 */
public final class WithdrawalDeadline {

  public static final int WORKING_DAYS = 14;

  /** The zone the date of receipt is taken in (the network's sites are German). */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private WithdrawalDeadline() {}

  /** The last day on which the withdrawal received on {@code received} must be done. */
  public static LocalDate of(LocalDate received) {
    LocalDate day = received;
    int counted = 0;
    while (counted < WORKING_DAYS) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        counted++;
      }
    }
    return day;
  }

  public static LocalDate of(Instant received) {
    return of(received.atZone(ZONE).toLocalDate());
  }

  /** Whether a withdrawal received then and still open at {@code now} is past its deadline. */
  public static boolean overdue(Instant received, Instant now) {
    return now.atZone(ZONE).toLocalDate().isAfter(of(received));
  }
}
