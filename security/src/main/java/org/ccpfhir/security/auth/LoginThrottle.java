package org.ccpfhir.security.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Locks a user or client name for a while after repeated failed password or secret checks, so the
 * token endpoint cannot be used to guess passwords. In memory: a restart clears it, which only
 * gives an attacker a fresh quota per restart.
 */
class LoginThrottle {

  private record Failures(int count, Instant lockedUntil) {}

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  boolean locked(String name) {
    Failures current = failures.get(name);
    return current != null
        && current.lockedUntil() != null
        && clock.instant().isBefore(current.lockedUntil());
  }

  void failed(String name) {
    failures.compute(
        name,
        (key, current) -> {
          int count = current == null || current.lockedUntil() != null ? 1 : current.count() + 1;
          Instant until = count >= maxFailures ? clock.instant().plus(lockout) : null;
          return new Failures(count, until);
        });
  }

  void succeeded(String name) {
    failures.remove(name);
  }
}
