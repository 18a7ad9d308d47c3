package org.ccpfhir.security.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ccpfhir.security.auth.Caller;

/**
 * A departed partner (CCP-IT §5.3) can no longer call: every request of a caller whose site has
 * left is refused (403 with an OperationOutcome naming the site), whatever certificate it still
 * holds until the network CA revokes it. The refusal is audited like every request.
 *
 * <p>Departures are rare and final, so the guard keeps the set of departed sites in memory instead
 * of asking the database on every request of a site certificate:
 *
 * <ul>
 *   <li>the node that records a departure calls {@link #recorded(String)} <em>before</em> it writes
 *       it: from then on the site is refused on that node — never a request that passes there after
 *       the departure began — and the cache is read again on the next request;
 *   <li>another node of the same app (sharing the database) learns of it when its copy is older
 *       than the time to live ({@link #DEFAULT_TTL}): a departed site may still be served there for
 *       at most that long, which is the window the CA's revocation list has anyway.
 * </ul>
 *
 * A read that began before a {@link #recorded(String)} is not kept as the cache (it may miss the
 * departure being written).
 */
@Interceptor
public class DepartedSiteGuard implements FhirInterceptor {

  /** How long another node's departure may go unseen here. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private record Snapshot(Set<String> sites, long readMs) {}

  private final DepartedSites port;
  private final long ttlMs;
  private final Clock clock;

  /** Sites this node recorded as departed: refused at once, whatever the cache holds. */
  private final Set<String> recordedHere = ConcurrentHashMap.newKeySet();

  private volatile Snapshot snapshot;
  private long generation;

  public DepartedSiteGuard(DepartedSites port, Duration ttl, Clock clock) {
    this.port = port;
    this.ttlMs = ttl.toMillis();
    this.clock = clock;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public void refuseDepartedSites(RequestDetails request) {
    check(Caller.current().map(Caller::site).orElse(null));
  }

  /** Refuses the site (403) if it has left; a caller without a site passes. */
  public void check(String site) {
    if (site != null && departed(site)) {
      throw new ForbiddenOperationException("site " + site + " has left the network");
    }
  }

  /** Whether the site has left: recorded here, or in the app's table as last read. */
  public boolean departed(String site) {
    // the table first: a recording that begins during the read is still seen
    return sites().contains(site) || recordedHere.contains(site);
  }

  /**
   * This node is recording the site's departure: the site is refused from now on and the next
   * request reads the table again. Call it before the departure is written, so no request of the
   * site slips in while it is written.
   */
  public void recorded(String site) {
    recordedHere.add(site);
    synchronized (this) {
      generation++;
      snapshot = null;
    }
  }

  private Set<String> sites() {
    Snapshot current = snapshot;
    long now = clock.millis();
    if (current != null && now - current.readMs() < ttlMs) {
      return current.sites();
    }
    long started;
    synchronized (this) {
      started = generation;
    }
    Set<String> read = Set.copyOf(port.departedSites());
    synchronized (this) {
      if (generation == started) {
        snapshot = new Snapshot(read, now);
      }
    }
    return read;
  }
}
