package org.ccpfhir.security.metrics;

import static org.ccpfhir.security.auth.Matchers.path;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.security.tls.TlsAutoConfiguration;
import org.ccpfhir.security.tls.TlsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * What every app shares for operations: the scrape rule of {@code /actuator/prometheus} and, with
 * {@code ccp.tls}, the certificate gauge and info. App-specific meters live in each app's {@code
 * operations} package.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAutoConfiguration {

  /** Ordered first: the apps' own rules admit admins only to the rest of {@code /actuator}. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules metricsEndpointRules(MetricsProperties properties) {
    String[] roles = properties.scrapeRoles().toArray(String[]::new);
    return rules ->
        rules.requestMatchers(path(HttpMethod.GET, "/actuator/prometheus")).hasAnyRole(roles);
  }

  @Bean
  @ConditionalOnBean(ComponentTls.class)
  public CertificateMetrics certificateMetrics(ComponentTls tls, TlsProperties properties) {
    Clock clock = Clock.systemUTC();
    return new CertificateMetrics(
        () ->
            CertificateStatus.of(
                tls.credential().certificate(),
                tls.caCertificate(),
                properties.expiryWarningDays(),
                clock.instant()));
  }
}
