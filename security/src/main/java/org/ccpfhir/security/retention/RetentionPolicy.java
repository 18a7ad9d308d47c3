package org.ccpfhir.security.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * Something a component keeps only for a while (expired tickets, finished Tasks, ...). Components
 * declare one bean per kind of record; {@link RetentionPurgeJob} deletes what is older than the
 * retention on a schedule and audits every purge. The retention can be changed per policy name in
 * {@code ccp.retention.keep.<name>}.
 *
 * @param name configuration key, e.g. {@code tickets}
 * @param what what is purged, plural, for the audit record (e.g. {@code expired tickets})
 * @param defaultRetention how long records are kept past their reference time unless configured
 * @param purge deletes the records whose reference time (e.g. expiry) lies before the cutoff and
 *     answers how many
 */
public record RetentionPolicy(String name, String what, Duration defaultRetention, Purge purge) {

  public RetentionPolicy {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a retention policy needs a kebab-case name");
    }
    if (defaultRetention == null || defaultRetention.isNegative()) {
      throw new IllegalArgumentException("the retention of " + name + " must not be negative");
    }
  }

  /** Deletes what lies before a cutoff. */
  @FunctionalInterface
  public interface Purge {
    int deleteBefore(Instant cutoff);
  }
}
