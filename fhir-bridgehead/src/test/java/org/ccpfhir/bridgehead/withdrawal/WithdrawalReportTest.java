package org.ccpfhir.bridgehead.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.junit.jupiter.api.Test;

class WithdrawalReportTest {

  private static final Instant RECEIVED = Instant.parse("2026-12-07T09:00:00Z");

  @Test
  void anOpenWithdrawalPastItsDeadlineIsOverdueAndItsPendingComponentsToo() {
    Withdrawal open = withdrawal(Withdrawal.IN_PROGRESS, steps(WithdrawalStep.SITE_CONSENT));
    Instant onTheDay = Instant.parse("2026-12-25T12:00:00Z");
    Instant dayAfter = Instant.parse("2026-12-28T08:00:00Z");

    assertThat(WithdrawalReport.overdue(open, onTheDay)).isFalse();
    assertThat(WithdrawalReport.overdue(open, dayAfter)).isTrue();
    List<WithdrawalReport.ComponentState> states =
        WithdrawalReport.components(
            open,
            List.of(new WithdrawalRepository.Component("site:TUE", "pending", "notice issued", 1)),
            dayAfter);
    assertThat(states)
        .extracting(WithdrawalReport.ComponentState::code)
        .startsWith("site-consent", "mds-database")
        .contains("network-sites", "applications", "site:TUE")
        .doesNotContain("central-confirmation");
    assertThat(states.get(0).state()).isEqualTo("confirmed");
    assertThat(states)
        .filteredOn(s -> s.code().equals("site:TUE"))
        .first()
        .extracting(WithdrawalReport.ComponentState::state)
        .isEqualTo("overdue");
    // a completed one is never overdue
    assertThat(WithdrawalReport.overdue(withdrawal(Withdrawal.COMPLETED, Map.of()), dayAfter))
        .isFalse();
  }

  @Test
  void theNoticesNameTheComponentsButNoPseudonym() {
    Map<WithdrawalStep, Withdrawal.Confirmation> all = new EnumMap<>(WithdrawalStep.class);
    for (WithdrawalStep step : WithdrawalStep.of(false)) {
      all.put(step, new Withdrawal.Confirmation(step.code() + " done", RECEIVED.toEpochMilli()));
    }
    Withdrawal done = withdrawal(Withdrawal.COMPLETED, all);
    List<WithdrawalReport.ComponentState> states =
        WithdrawalReport.components(done, List.of(), RECEIVED);

    String letter = WithdrawalReport.patientNotice(done, states, "HD", RECEIVED);
    String officer = WithdrawalReport.officerNotice(done, states, "HD", RECEIVED);

    assertThat(letter)
        .contains("Bestätigung Ihres Widerrufs", "Löschung", "Lokale Patientenliste", "07.12.2026");
    assertThat(officer).contains("Widerruf umgesetzt", "Frist (14 Werktage) | 25.12.2026");
    for (String text : List.of(letter, officer)) {
      assertThat(text).doesNotContain("BKL0001", "BKG0001");
    }
    String interim =
        WithdrawalReport.officerNotice(
            withdrawal(Withdrawal.IN_PROGRESS, Map.of()),
            List.of(),
            "HD",
            Instant.parse("2027-01-04T08:00:00Z"));
    assertThat(interim).contains("Zwischenstand", "Frist überschritten");
  }

  private static Map<WithdrawalStep, Withdrawal.Confirmation> steps(WithdrawalStep... done) {
    Map<WithdrawalStep, Withdrawal.Confirmation> steps = new EnumMap<>(WithdrawalStep.class);
    for (WithdrawalStep step : done) {
      steps.put(step, new Withdrawal.Confirmation("ok", RECEIVED.toEpochMilli()));
    }
    return steps;
  }

  private static Withdrawal withdrawal(
      String status, Map<WithdrawalStep, Withdrawal.Confirmation> steps) {
    return new Withdrawal(
        "w-1",
        "delete",
        status,
        RECEIVED.toEpochMilli(),
        RECEIVED.toEpochMilli(),
        0,
        null,
        null,
        null,
        "BKL0001",
        "BKG0001",
        null,
        List.of(),
        steps,
        Withdrawal.SITE,
        null,
        null,
        LocalDate.of(2026, 12, 25));
  }
}
