package org.ccpfhir.bridgehead.withdrawal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;

/**
 * Withdrawals as gauges, read from the database at each scrape: {@value #OVERDUE} — withdrawals
 * still open after their 14-working-day deadline (CCP-IT §6.5; alert on anything above 0) — and
 * {@value #OPEN} — withdrawals in progress.
 */
public class WithdrawalMetrics implements MeterBinder {

  public static final String OVERDUE = "ccp.withdrawal.overdue";
  public static final String OPEN = "ccp.withdrawal.open";

  private final WithdrawalRepository withdrawals;
  private final Clock clock;

  public WithdrawalMetrics(WithdrawalRepository withdrawals, Clock clock) {
    this.withdrawals = withdrawals;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            OVERDUE,
            () ->
                withdrawals.countOverdue(
                    clock.instant().atZone(WithdrawalDeadline.ZONE).toLocalDate()))
        .description("Withdrawals still open after their deadline of 14 working days")
        .register(registry);
    Gauge.builder(OPEN, withdrawals::countInProgress)
        .description("Withdrawals in progress")
        .register(registry);
  }
}
