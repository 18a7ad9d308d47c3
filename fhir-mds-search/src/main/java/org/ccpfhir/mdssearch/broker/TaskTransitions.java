package org.ccpfhir.mdssearch.broker;

import java.util.Map;
import java.util.Set;

/**
 * The state machine of a site's Task, enforced by the broker: requested → received (the site
 * fetched it) → accepted / rejected (with reason) / failed → completed (output released) / failed.
 * Settled states never change; expiry (cancelled) is the broker's, never a site's.
 */
public final class TaskTransitions {

  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "requested", Set.of("received"),
          "received", Set.of("accepted", "rejected", "failed"),
          "accepted", Set.of("completed", "failed"));

  /** States in which nothing changes any more. */
  public static final Set<String> SETTLED = Set.of("rejected", "completed", "failed", "cancelled");

  private TaskTransitions() {}

  public static boolean allowed(String from, String to) {
    return ALLOWED.getOrDefault(from, Set.of()).contains(to);
  }

  /** Allowed next states, for messages. */
  public static Set<String> next(String from) {
    return ALLOWED.getOrDefault(from, Set.of());
  }
}
