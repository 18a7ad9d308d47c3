package org.ccpfhir.bridgehead.withdrawal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retries of withdrawals ({@code ccp.withdrawal.*}): a step whose component is down is tried again
 * after {@code min-backoff}, doubled per failed attempt up to {@code max-backoff}.
 *
 * @param retryInterval how often the retry job looks for withdrawals that are due
 * @param minBackoff pause after the first failed attempt
 * @param maxBackoff longest pause between attempts
 * @param noticeInterval how often the bridgehead asks the central patient list for withdrawals
 *     received at other sites of persons it holds (CCP-IT §6.5; the deadline is 14 working days, so
 *     minutes are plenty; sites accept no inbound connections, so the site asks)
 */
@Validated
@ConfigurationProperties("ccp.withdrawal")
public record WithdrawalProperties(
    @DefaultValue("PT1M") @NotNull Duration retryInterval,
    @DefaultValue("PT1M") @NotNull Duration minBackoff,
    @DefaultValue("PT6H") @NotNull Duration maxBackoff,
    @DefaultValue("PT5M") @NotNull Duration noticeInterval) {

  /** The pause after {@code attempts} failed attempts. */
  public Duration backoff(int attempts) {
    Duration pause = minBackoff;
    for (int i = 1; i < attempts && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }
}
