package org.ccpfhir.security.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Watches the component's certificate: refuses to start with an expired one (saying which file and
 * what to run), warns in the log and on the health endpoint when expiry is near, and repeats the
 * warning daily while the component runs.
 */
public class CertificateExpiry implements HealthIndicator {

  /** Bean name: the health component is {@code certificate}. */
  public static final String HEALTH_BEAN = "certificateHealthIndicator";

  private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);

  private final ComponentTls tls;
  private final int warningDays;
  private final Clock clock;

  public CertificateExpiry(ComponentTls tls, int warningDays, Clock clock) {
    this.tls = tls;
    this.warningDays = warningDays;
    this.clock = clock;
  }

  /** Throws when the certificate (or the CA's) has expired; logs a warning when it soon will. */
  public void checkAtStart() {
    for (X509Certificate certificate : new X509Certificate[] {leaf(), tls.caCertificate()}) {
      if (daysLeft(certificate) < 0) {
        throw new IllegalStateException(expiredMessage(certificate));
      }
    }
    warnIfExpiring();
  }

  @Scheduled(fixedDelayString = "P1D", initialDelayString = "P1D")
  public void warnIfExpiring() {
    long days = daysLeft(leaf());
    if (days <= warningDays) {
      log.warn(
          "certificate {} in {} expires in {} days ({}); renew it: {}",
          tls.self(),
          tls.keyStore(),
          days,
          notAfter(leaf()),
          renewCommand());
    }
  }

  @Override
  public Health health() {
    long days = daysLeft(leaf());
    long caDays = daysLeft(tls.caCertificate());
    // expired: peers refuse this component's mutual TLS, so it cannot do its work
    Health.Builder health = days < 0 || caDays < 0 ? Health.down() : Health.up();
    health
        .withDetail("component", tls.self().cn())
        .withDetail("expires", notAfter(leaf()).toString())
        .withDetail("daysLeft", days)
        .withDetail("caExpires", notAfter(tls.caCertificate()).toString())
        .withDetail("caDaysLeft", caDays);
    if (days <= warningDays) {
      health.withDetail("warning", "certificate expires in " + days + " days; " + renewCommand());
    }
    return health.build();
  }

  long daysLeft(X509Certificate certificate) {
    return daysLeft(certificate, clock.instant());
  }

  /** Whole days until the certificate expires; -1 once it has. */
  public static long daysLeft(X509Certificate certificate, Instant now) {
    Instant end = certificate.getNotAfter().toInstant();
    return end.isBefore(now) ? -1 : Duration.between(now, end).toDays();
  }

  private X509Certificate leaf() {
    return tls.credential().certificate();
  }

  private static LocalDate notAfter(X509Certificate certificate) {
    return LocalDate.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC);
  }

  private String expiredMessage(X509Certificate certificate) {
    boolean ca = certificate == tls.caCertificate();
    return (ca
            ? "the network CA certificate"
            : "certificate " + tls.self() + " in " + tls.keyStore())
        + " expired on "
        + notAfter(certificate)
        + "; "
        + (ca ? "the network CA must be renewed by its operator" : renewCommand())
        + ". The component does not start with an expired certificate.";
  }

  private String renewCommand() {
    return "run ./ccp-ca renew --dir <network CA directory> --password-file <CA password file>"
        + " --keystore "
        + tls.keyStore()
        + " --keystore-password-file <its password file>";
  }
}
