package org.ccpfhir.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

class CertificateExpiryTest {

  @TempDir static Path dir;
  static ComponentTls tls;

  @BeforeAll
  static void component() {
    NetworkCa ca =
        NetworkCa.create(dir.resolve("ca"), "pw".toCharArray(), "CA", Duration.ofDays(400));
    Credential credential =
        ca.issue(ComponentName.of("bridgehead", "HD"), List.of("localhost"), Duration.ofDays(60));
    tls = new ComponentTls(credential, ca.certificate(), null, dir.resolve("bridgehead.p12"));
  }

  private static CertificateExpiry at(Duration fromNow) {
    return new CertificateExpiry(tls, 30, Clock.fixed(Instant.now().plus(fromNow), ZoneOffset.UTC));
  }

  @Test
  void farFromExpiryItIsHealthyWithoutWarning() {
    CertificateExpiry expiry = at(Duration.ZERO);

    expiry.checkAtStart();

    assertThat(expiry.health().getStatus()).isEqualTo(Status.UP);
    assertThat(expiry.health().getDetails()).containsKey("daysLeft").doesNotContainKey("warning");
  }

  @Test
  void withinTheWarningPeriodTheHealthEndpointWarns() {
    CertificateExpiry expiry = at(Duration.ofDays(45));

    expiry.checkAtStart();

    assertThat(expiry.health().getStatus()).isEqualTo(Status.UP);
    assertThat(expiry.health().getDetails().get("warning").toString())
        .contains("expires in 14 days")
        .contains("ccp-ca renew");
  }

  @Test
  void anExpiredCertificateStopsTheStartNamingFileAndCommand() {
    CertificateExpiry expiry = at(Duration.ofDays(61));

    assertThatThrownBy(expiry::checkAtStart)
        .hasMessageContaining("bridgehead.HD")
        .hasMessageContaining("bridgehead.p12")
        .hasMessageContaining("ccp-ca renew")
        .hasMessageContaining("does not start");
    assertThat(expiry.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
