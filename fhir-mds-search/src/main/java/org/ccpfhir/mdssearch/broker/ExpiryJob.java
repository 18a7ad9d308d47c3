package org.ccpfhir.mdssearch.broker;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends requests past their validity: every site Task not yet settled becomes {@code cancelled} with
 * business status {@code expired} (so its site learns of it through its long-poll), audited.
 * Updates are conditional on the version, so a site's last-second change and the job never both
 * win. Several broker instances may run it: the loser's update simply finds a new version.
 */
public class ExpiryJob implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
  private static final AuditAgent SYSTEM =
      new AuditAgent(AuditAgent.Kind.COMPONENT, "broker-expiry", null, java.util.List.of(), null);

  private final BrokerRepository repository;
  private final ChangeSignal signal;
  private final AuditRecorder audit;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "broker-expiry");
            thread.setDaemon(true);
            return thread;
          });

  ExpiryJob(BrokerRepository repository, ChangeSignal signal, AuditRecorder audit, Clock clock) {
    this.repository = repository;
    this.signal = signal;
    this.audit = audit;
    this.clock = clock;
  }

  /** Starts the periodic expiry; the future is done only if the job stopped. */
  java.util.concurrent.ScheduledFuture<?> start(long intervalMillis) {
    return scheduler.scheduleWithFixedDelay(
        this::runQuietly, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Expires what is due now; returns how many site Tasks it expired. */
  public int expireDue() {
    int expired = 0;
    for (StoredSiteTask task : repository.unsettledExpired(clock.millis())) {
      StoredSiteTask changed =
          task.changed(
              "cancelled", SearchTasks.STATE_EXPIRED, "the request's validity ended", null, 0);
      if (repository.update(changed, task.version(), clock.millis()).isPresent()) {
        expired++;
        audit.record(
            new AuditEntry(
                clock.instant(),
                SYSTEM,
                null,
                "broker",
                "update",
                "U",
                null,
                "/fhir/Task/" + task.id(),
                null,
                0,
                "0",
                "Task/" + task.id() + " " + task.status() + " -> cancelled (expired)"));
      }
    }
    if (expired > 0) {
      signal.changed();
    }
    return expired;
  }

  private void runQuietly() {
    try {
      expireDue();
    } catch (RuntimeException e) {
      log.error(
          "expiring search requests failed (retried at the next run): {}", SafeLog.describe(e));
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
