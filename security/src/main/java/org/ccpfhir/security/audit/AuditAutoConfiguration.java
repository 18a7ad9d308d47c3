package org.ccpfhir.security.audit;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit trail in the app's own database: every request recorded, searchable, purged. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(name = "ccp.audit.enabled", matchIfMissing = true)
@ConditionalOnBean(DataSource.class)
@EnableScheduling
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

  @Bean
  public static OwnSchema auditSchema() {
    return AuditRepository.SCHEMA;
  }

  @Bean
  public AuditRepository auditRepository(DataSource dataSource) {
    return new AuditRepository(dataSource);
  }

  @Bean(destroyMethod = "close")
  public AuditRecorder auditRecorder(
      AuditRepository repository, AuditProperties properties, Environment environment) {
    String observer =
        properties.observer().isBlank()
            ? environment.getProperty("spring.application.name", "ccp-component")
            : properties.observer();
    return new AuditRecorder(
        repository, observer, properties.queueCapacity(), properties.flushInterval().toMillis());
  }

  @Bean
  public FilterRegistrationBean<AuditRequestFilter> auditRequestFilter(
      AuditRecorder recorder, AuditProperties properties) {
    FilterRegistrationBean<AuditRequestFilter> registration =
        new FilterRegistrationBean<>(
            new AuditRequestFilter(recorder, properties.fhirBasePaths(), properties.skipPaths()));
    // outside Spring Security's chain, so refusals (401/403) are recorded too
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }

  @Bean
  public AuditEventResourceProvider auditEventResourceProvider(
      AuditRepository repository, AuditRecorder recorder) {
    return new AuditEventResourceProvider(repository, recorder);
  }

  @Bean
  public AuditPurgeJob auditPurgeJob(
      AuditRepository repository, AuditRecorder recorder, AuditProperties properties) {
    return new AuditPurgeJob(repository, recorder, properties.retention(), Clock.systemUTC());
  }
}
