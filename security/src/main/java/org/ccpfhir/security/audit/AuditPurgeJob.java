package org.ccpfhir.security.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes audit records older than the retention period, and audits that it did. */
public class AuditPurgeJob {

  private static final Logger log = LoggerFactory.getLogger(AuditPurgeJob.class);

  private final AuditRepository repository;
  private final AuditRecorder recorder;
  private final Duration retention;
  private final Clock clock;

  public AuditPurgeJob(
      AuditRepository repository, AuditRecorder recorder, Duration retention, Clock clock) {
    this.repository = repository;
    this.recorder = recorder;
    this.retention = retention;
    this.clock = clock;
  }

  @Scheduled(cron = "${ccp.audit.purge-cron:0 30 3 * * *}")
  public int purge() {
    recorder.flush();
    Instant cutoff = clock.instant().minus(retention);
    int purged = repository.purgeOlderThan(cutoff);
    PurgeAudit.record(
        recorder,
        clock.instant(),
        "0",
        "purged " + purged + " audit events recorded before " + cutoff);
    recorder.flush();
    log.info("audit purge: {} records older than {} deleted", purged, cutoff);
    return purged;
  }
}
