package org.ccpfhir.security.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail ({@code ccp.audit.*}).
 *
 * @param enabled record every request as an AuditEvent (off only for tools, never in operation)
 * @param observer this component's name in the records, e.g. {@code bridgehead.HD}; empty: the
 *     application name
 * @param retention how long records are kept: between 30 and 184 days (1 to 6 months)
 * @param purgeCron when the purge of older records runs (Spring cron, default daily 03:30)
 * @param fhirBasePaths path prefixes of FHIR endpoints, whose interactions are named in records
 * @param skipPaths path prefixes not recorded (health probes, metrics scraping)
 * @param queueCapacity records made outside requests (jobs) waiting for the writer; when full, the
 *     caller writes its own
 * @param flushInterval how often the writer stores waiting records (requests store theirs before
 *     answering)
 */
@Validated
@ConfigurationProperties("ccp.audit")
public record AuditProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("") String observer,
    @DefaultValue("P90D") @NotNull Duration retention,
    @DefaultValue("0 30 3 * * *") @NotBlank String purgeCron,
    @DefaultValue("/fhir") List<String> fhirBasePaths,
    @DefaultValue({"/actuator/health", "/actuator/prometheus"}) List<String> skipPaths,
    @DefaultValue("10000") @Min(100) int queueCapacity,
    @DefaultValue("200ms") @NotNull Duration flushInterval) {

  public AuditProperties {
    if (retention != null
        && (retention.compareTo(Duration.ofDays(30)) < 0
            || retention.compareTo(Duration.ofDays(184)) > 0)) {
      throw new IllegalArgumentException(
          "ccp.audit.retention must be between P30D and P184D (1 to 6 months), was " + retention);
    }
  }
}
