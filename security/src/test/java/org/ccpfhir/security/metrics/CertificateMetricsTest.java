package org.ccpfhir.security.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.NetworkCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;

class CertificateMetricsTest {

  @TempDir static Path dir;
  static X509Certificate ca;
  static X509Certificate component;

  @BeforeAll
  static void certificates() {
    NetworkCa network =
        NetworkCa.create(dir.resolve("ca"), "pw".toCharArray(), "CA", Duration.ofDays(400));
    ca = network.certificate();
    component =
        network
            .issue(ComponentName.of("bridgehead", "HD"), List.of("localhost"), Duration.ofDays(60))
            .certificate();
  }

  private static CertificateStatus at(Duration fromNow) {
    return CertificateStatus.of(component, ca, 30, Instant.now().plus(fromNow));
  }

  @Test
  void gaugesShowTheDaysLeftOfComponentAndCaAsTheyPass() {
    AtomicReference<CertificateStatus> now = new AtomicReference<>(at(Duration.ZERO));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    new CertificateMetrics(now::get).bindTo(registry);

    assertThat(gauge(registry, "component")).isBetween(59.0, 60.0);
    assertThat(gauge(registry, "ca")).isBetween(399.0, 400.0);
    now.set(at(Duration.ofDays(45)));
    assertThat(gauge(registry, "component")).isBetween(14.0, 15.0);
    now.set(at(Duration.ofDays(61)));
    assertThat(gauge(registry, "component")).isEqualTo(-1.0);
    assertThat(registry.get(CertificateMetrics.DAYS_LEFT).gauges())
        .allSatisfy(g -> assertThat(g.getId().getTag("component")).isEqualTo("bridgehead.HD"));
  }

  @Test
  void infoNamesCertificateSerialExpiryAndWarnsWithinTheWarningPeriod() {
    Info.Builder fresh = new Info.Builder();
    new CertificateMetrics(() -> at(Duration.ZERO)).contribute(fresh);
    Info.Builder late = new Info.Builder();
    new CertificateMetrics(() -> at(Duration.ofDays(45))).contribute(late);

    @SuppressWarnings("unchecked")
    Map<String, Object> certificate =
        (Map<String, Object>) fresh.build().getDetails().get("certificate");
    assertThat(certificate)
        .containsEntry("component", "bridgehead.HD")
        .containsEntry("serial", component.getSerialNumber().toString(16))
        .containsEntry("expiring", false)
        .containsKeys("notAfter", "daysLeft", "caSubject", "caNotAfter", "caDaysLeft");
    assertThat(late.build().getDetails().get("certificate").toString()).contains("expiring=true");
  }

  @Test
  void anUnknownScrapeRoleStopsTheStart() {
    assertThatThrownBy(() -> new MetricsProperties(List.of("metrics", "prometheus")))
        .hasMessageContaining("prometheus");
    assertThat(new MetricsProperties(List.of("metrics")).scrapeRoles()).containsExactly("metrics");
  }

  private static double gauge(SimpleMeterRegistry registry, String certificate) {
    return registry
        .get(CertificateMetrics.DAYS_LEFT)
        .tag("certificate", certificate)
        .gauge()
        .value();
  }
}
