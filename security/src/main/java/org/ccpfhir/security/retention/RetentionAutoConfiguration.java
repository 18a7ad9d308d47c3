package org.ccpfhir.security.retention;

import java.time.Clock;
import org.ccpfhir.security.audit.AuditAutoConfiguration;
import org.ccpfhir.security.audit.AuditRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled, audited purges of every {@link RetentionPolicy} bean of the app (apps without audit
 * trail have no database to purge either).
 */
@AutoConfiguration(after = AuditAutoConfiguration.class)
@ConditionalOnBean(AuditRecorder.class)
@EnableScheduling
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

  @Bean
  public RetentionPurgeJob retentionPurgeJob(
      ObjectProvider<RetentionPolicy> policies,
      RetentionProperties properties,
      AuditRecorder recorder) {
    return new RetentionPurgeJob(
        policies.orderedStream().toList(), properties, recorder, Clock.systemUTC());
  }
}
