package org.ccpfhir.security.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * The component's certificate for operations: gauge {@value #DAYS_LEFT} (tag {@code certificate} =
 * {@code component} or {@code ca}, so an alert rule fires well before mutual TLS breaks) and the
 * {@code certificate} section of {@code /actuator/info} (the admin page's certificate status). Read
 * at every scrape, so a certificate renewed in place is seen after a restart without changing
 * anything here.
 */
public class CertificateMetrics implements MeterBinder, InfoContributor {

  public static final String DAYS_LEFT = "ccp.certificate.remaining";

  private final Supplier<CertificateStatus> status;

  public CertificateMetrics(Supplier<CertificateStatus> status) {
    this.status = status;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    String component = status.get().component();
    Gauge.builder(DAYS_LEFT, status, s -> s.get().daysLeft())
        .description("Whole days until this component's network certificate expires (-1: expired)")
        .baseUnit("days")
        .tag("certificate", "component")
        .tag("component", component)
        .register(registry);
    Gauge.builder(DAYS_LEFT, status, s -> s.get().caDaysLeft())
        .description("Whole days until the network CA certificate expires (-1: expired)")
        .baseUnit("days")
        .tag("certificate", "ca")
        .tag("component", component)
        .register(registry);
  }

  @Override
  public void contribute(Info.Builder builder) {
    builder.withDetail("certificate", status.get().asMap());
  }
}
