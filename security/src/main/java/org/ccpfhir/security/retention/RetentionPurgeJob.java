package org.ccpfhir.security.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.audit.PurgeAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs every {@link RetentionPolicy} of the component on a schedule, like {@code AuditPurgeJob}
 * does for the audit trail: deletes what is older than the policy's retention and audits each purge
 * (what, how many, cutoff). A failing purge is audited as failed and does not stop the others; it
 * is tried again at the next run.
 */
public class RetentionPurgeJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurgeJob.class);

  private final List<RetentionPolicy> policies;
  private final RetentionProperties properties;
  private final AuditRecorder recorder;
  private final Clock clock;

  public RetentionPurgeJob(
      List<RetentionPolicy> policies,
      RetentionProperties properties,
      AuditRecorder recorder,
      Clock clock) {
    this.policies = List.copyOf(policies);
    this.properties = properties;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Purges every policy; answers the records deleted per policy name (-1: failed). */
  @Scheduled(cron = "${ccp.retention.purge-cron:0 45 3 * * *}")
  public Map<String, Integer> purgeAll() {
    Map<String, Integer> purged = new LinkedHashMap<>();
    for (RetentionPolicy policy : policies) {
      purged.put(policy.name(), purge(policy));
    }
    recorder.flush();
    return purged;
  }

  private int purge(RetentionPolicy policy) {
    Duration retention = properties.retentionOf(policy);
    Instant cutoff = clock.instant().minus(retention);
    try {
      int count = policy.purge().deleteBefore(cutoff);
      PurgeAudit.record(
          recorder,
          clock.instant(),
          "0",
          "purged " + count + " " + policy.what() + " before " + cutoff);
      log.info("retention purge {}: {} deleted before {}", policy.name(), count, cutoff);
      return count;
    } catch (RuntimeException e) {
      // the exception class only: messages of database drivers may quote row content
      PurgeAudit.record(
          recorder,
          clock.instant(),
          "8",
          "purge of " + policy.what() + " before " + cutoff + " failed: " + e.getClass().getName());
      log.error("retention purge {} failed: {}", policy.name(), e.getClass().getName());
      return -1;
    }
  }
}
