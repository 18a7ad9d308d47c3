package org.ccpfhir.profiles.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WithdrawalDeadlineTest {

  @Test
  void fourteenWorkingDaysSkipWeekends() {
    // received Monday 2026-12-07, counted by hand: Tue 8 .. Fri 11 (4), Mon 14 .. Fri 18 (9),
    // Mon 21 .. Fri 25 (14)
    assertThat(WithdrawalDeadline.of(LocalDate.of(2026, 12, 7))).isEqualTo("2026-12-25");
    // received on a Saturday: Mon 14 .. Fri 18 (5), Mon 21 .. Fri 25 (10), Mon 28 .. Thu 31 (14)
    assertThat(WithdrawalDeadline.of(LocalDate.of(2026, 12, 12))).isEqualTo("2026-12-31");
    // received on a Friday: the deadline is a Thursday three weeks later
    assertThat(WithdrawalDeadline.of(LocalDate.of(2026, 12, 11))).isEqualTo("2026-12-31");
  }

  @Test
  void overdueOnlyAfterTheDeadlineDay() {
    Instant received = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(WithdrawalDeadline.overdue(received, Instant.parse("2026-12-25T21:00:00Z")))
        .isFalse();
    assertThat(WithdrawalDeadline.overdue(received, Instant.parse("2026-12-25T23:30:00Z")))
        .as("already the 26th in Berlin")
        .isTrue();
  }
}
