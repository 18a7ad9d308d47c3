package org.ccpfhir.bridgehead.approval;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional site rule (off by default, {@code ccp.approval.auto-reject-after}): a request nobody
 * decided on within that time is rejected automatically. Every automatic decision is audited as
 * such (agent {@code auto-rule}).
 */
public class AutoRejectRule implements AutoCloseable {

  static final String AUTO = "auto-rule";
  private static final Logger log = LoggerFactory.getLogger(AutoRejectRule.class);

  private final ApprovalService service;
  private final SearchAgentRepository repository;
  private final ApprovalProperties properties;
  private final AuditRecorder audit;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "approval-auto-rule");
            thread.setDaemon(true);
            return thread;
          });

  AutoRejectRule(
      ApprovalService service,
      SearchAgentRepository repository,
      ApprovalProperties properties,
      AuditRecorder audit,
      Clock clock) {
    this.service = service;
    this.repository = repository;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** Starts the periodic rule; the future is done only if the rule stopped. */
  java.util.concurrent.ScheduledFuture<?> start(Duration interval) {
    return scheduler.scheduleWithFixedDelay(
        this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Rejects what waited too long; returns how many. */
  public int run() {
    long due = clock.millis() - properties.autoRejectAfter().toMillis();
    List<LocalSearchRequest> waiting =
        repository.all(1000).stream()
            .filter(
                r -> r.decision() == null && r.status().equals("received") && r.receivedMs() < due)
            .toList();
    int rejected = 0;
    for (LocalSearchRequest request : waiting) {
      String reason =
          "not decided within " + properties.autoRejectAfter() + " (automatic site rule)";
      try {
        ApprovalService.Decided decided =
            service.decide(request.taskId(), AUTO, "reject", false, null, reason);
        record(decided.audit(), 200);
        rejected++;
      } catch (RuntimeException e) {
        record("Task/" + request.taskId() + " automatic rejection refused: " + e.getMessage(), 409);
      }
    }
    return rejected;
  }

  private void record(String detail, int status) {
    audit.record(
        new AuditEntry(
            clock.instant(),
            new AuditAgent(AuditAgent.Kind.APPLICATION, AUTO, null, List.of(), null),
            null,
            "approval",
            "operation",
            "E",
            null,
            "/fhir/$search-decide",
            null,
            status,
            AuditEntry.outcomeOf(status),
            detail));
  }

  private void runQuietly() {
    try {
      run();
    } catch (RuntimeException e) {
      log.error(
          "automatic approval rule failed (retried at the next run): {}", SafeLog.describe(e));
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
