package org.ccpfhir.security.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final AtomicLong nanos = new AtomicLong();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private LoginThrottle throttle(int maxNames) {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    return new LoginThrottle(5, Duration.ofMinutes(5), clock, maxNames, nanos::get);
  }

  private void advance(Duration duration) {
    now = now.plus(duration);
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void tenThousandDistinctFailedNamesKeepTheBrakeBounded() {
    LoginThrottle throttle = throttle(1_000);
    for (int i = 0; i < 10_000; i++) {
      throttle.failed("user:someone-" + i + "x".repeat(200));
    }
    assertThat(throttle.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void aNameGuessedAtAmidAFloodOfOtherNamesIsStillLocked() {
    LoginThrottle throttle = throttle(1_000);
    // one guess at the real target per 100 one-off names, as the token endpoint checks them
    int guesses = 0;
    for (int i = 0; i < 10_000; i++) {
      attempt(throttle, "user:flood-" + i);
      if (i % 100 == 0 && attempt(throttle, "user:admin")) {
        guesses++;
      }
    }
    assertThat(throttle.locked("user:admin")).isTrue();
    assertThat(guesses).isLessThanOrEqualTo(10);
    assertThat(throttle.locked("user:flood-9999")).isFalse();
  }

  /** As TokenEndpoint.check with a wrong password; true if the password was compared. */
  private static boolean attempt(LoginThrottle throttle, String name) {
    if (throttle.locked(name)) {
      return false;
    }
    throttle.failed(name);
    return true;
  }

  @Test
  void theLockEndsAfterTheLockoutAndOldFailuresAreForgotten() {
    LoginThrottle throttle = throttle(1_000);
    for (int i = 0; i < 5; i++) {
      throttle.failed("user:admin");
    }
    assertThat(throttle.locked("user:admin")).isTrue();
    advance(Duration.ofMinutes(6));
    assertThat(throttle.locked("user:admin")).isFalse();
    for (int i = 0; i < 4; i++) {
      throttle.failed("user:bob");
    }
    advance(Duration.ofMinutes(6));
    throttle.failed("user:bob");
    assertThat(throttle.locked("user:bob")).isFalse();
    assertThat(throttle.size()).isEqualTo(1);
  }

  @Test
  void successClearsTheFailures() {
    LoginThrottle throttle = throttle(1_000);
    for (int i = 0; i < 4; i++) {
      throttle.failed("user:admin");
    }
    throttle.succeeded("user:admin");
    throttle.failed("user:admin");
    assertThat(throttle.locked("user:admin")).isFalse();
  }
}
