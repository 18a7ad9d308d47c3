package org.ccpfhir.security.retention;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention of the records components keep for a while ({@code ccp.retention.*}); the audit trail
 * has its own ({@code ccp.audit.retention}).
 *
 * @param purgeCron when the purges run (Spring cron, default daily 03:45)
 * @param keep retention per policy name, overriding the policy's default (e.g. {@code
 *     ccp.retention.keep.tickets=PT24H}); must not be negative
 */
@Validated
@ConfigurationProperties("ccp.retention")
public record RetentionProperties(
    @DefaultValue("0 45 3 * * *") @NotBlank String purgeCron, Map<String, Duration> keep) {

  public RetentionProperties {
    keep = keep == null ? Map.of() : Map.copyOf(keep);
    keep.forEach(
        (name, retention) -> {
          if (retention.isNegative()) {
            throw new IllegalArgumentException(
                "ccp.retention.keep." + name + " must not be negative");
          }
        });
  }

  public Duration retentionOf(RetentionPolicy policy) {
    return keep.getOrDefault(policy.name(), policy.defaultRetention());
  }
}
