package org.ccpfhir.security.tls;

import java.time.Clock;
import org.ccpfhir.security.audit.AuditRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Mutual TLS with the network CA ({@code ccp.tls.enabled=true}): the HTTPS connector, the component
 * identity for calls to other components, and the certificate expiry watch.
 */
@AutoConfiguration
@EnableConfigurationProperties(TlsProperties.class)
@ConditionalOnProperty(name = "ccp.tls.enabled", havingValue = "true")
public class TlsAutoConfiguration {

  @Bean
  public ComponentTls componentTls(TlsProperties properties) {
    ComponentTls tls = ComponentTls.load(properties);
    new CertificateExpiry(tls, properties.expiryWarningDays(), Clock.systemUTC()).checkAtStart();
    return tls;
  }

  /**
   * Named so that {@code /actuator/health} shows it as component {@code certificate} (Spring drops
   * the suffix {@code HealthIndicator}); its details (days left, expiry) for the roles of {@code
   * management.endpoint.health.roles}.
   */
  @Bean(CertificateExpiry.HEALTH_BEAN)
  public CertificateExpiry certificateExpiry(ComponentTls tls, TlsProperties properties) {
    return new CertificateExpiry(tls, properties.expiryWarningDays(), Clock.systemUTC());
  }

  @Bean
  TomcatTlsCustomizer tomcatTlsCustomizer(
      ComponentTls tls, ObjectProvider<AuditRecorder> auditRecorder) {
    // looked up per refusal: the audit store may start after the web server is configured
    return new TomcatTlsCustomizer(
        tls, entry -> auditRecorder.ifAvailable(recorder -> recorder.record(entry)));
  }
}
