package org.ccpfhir.bridgehead.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WithdrawalPropertiesTest {

  @Test
  void theBackoffDoublesPerFailedAttemptUpToTheMaximum() {
    WithdrawalProperties properties =
        new WithdrawalProperties(
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));

    assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.backoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.backoff(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(properties.backoff(4)).isEqualTo(Duration.ofMinutes(4));
    assertThat(properties.backoff(5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
  }
}
