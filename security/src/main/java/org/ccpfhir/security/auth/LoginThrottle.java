package org.ccpfhir.security.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Locks a user or client name for a while after repeated failed password or secret checks, so the
 * token endpoint cannot be used to guess passwords. In memory: a restart clears it, which only
 * gives an attacker a fresh quota per restart.
 *
 * <p>Bounded, because anyone can fail a login with any name: names are kept as a SHA-256 hash
 * (fixed size, no client value in memory dumps), a name's failures are forgotten one lockout period
 * after its last failure, and at most {@code maxNames} names are tracked. Caffeine evicts by
 * frequency, so a flood of one-off names does not push out a name that is being guessed at.
 */
class LoginThrottle {

  /** Names tracked at most; the brake only needs the ones being guessed at right now. */
  static final int DEFAULT_MAX_NAMES = 10_000;

  private record Failures(int count, Instant lockedUntil) {}

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Cache<String, Failures> failures;

  LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this(maxFailures, lockout, clock, DEFAULT_MAX_NAMES, Ticker.systemTicker());
  }

  LoginThrottle(int maxFailures, Duration lockout, Clock clock, int maxNames, Ticker ticker) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(maxNames)
            .expireAfterWrite(lockout)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  boolean locked(String name) {
    Failures current = failures.getIfPresent(key(name));
    return current != null
        && current.lockedUntil() != null
        && clock.instant().isBefore(current.lockedUntil());
  }

  void failed(String name) {
    failures
        .asMap()
        .compute(
            key(name),
            (key, current) -> {
              int count =
                  current == null || current.lockedUntil() != null ? 1 : current.count() + 1;
              Instant until = count >= maxFailures ? clock.instant().plus(lockout) : null;
              return new Failures(count, until);
            });
  }

  void succeeded(String name) {
    failures.invalidate(key(name));
  }

  /** Names tracked now (after pending evictions). */
  long size() {
    failures.cleanUp();
    return failures.estimatedSize();
  }

  private static String key(String name) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
