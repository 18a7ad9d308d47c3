package org.ccpfhir.security.metrics;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.tls.CertificateExpiry;

/**
 * Where a component's certificate and the network CA stand at one instant: the public facts an
 * operator needs to renew in time (subject, serial, expiry, days left). No key material.
 *
 * @param component the component name (certificate CN), e.g. {@code bridgehead.HD}
 * @param serial the certificate's serial number in hex, as {@code ccp-ca list} shows it
 * @param notAfter last day of validity (UTC)
 * @param daysLeft whole days until expiry, -1 once expired
 * @param caSubject the network CA's subject
 * @param caNotAfter the CA certificate's last day of validity (UTC)
 * @param caDaysLeft whole days until the CA certificate expires, -1 once expired
 * @param warningDays the component warns (log, health) from this many days before expiry
 */
public record CertificateStatus(
    String component,
    String serial,
    LocalDate notAfter,
    long daysLeft,
    String caSubject,
    LocalDate caNotAfter,
    long caDaysLeft,
    int warningDays) {

  public static CertificateStatus of(
      X509Certificate certificate, X509Certificate ca, int warningDays, Instant now) {
    return new CertificateStatus(
        ComponentName.fromCertificate(certificate).cn(),
        certificate.getSerialNumber().toString(16),
        day(certificate),
        CertificateExpiry.daysLeft(certificate, now),
        ca.getSubjectX500Principal().getName(),
        day(ca),
        CertificateExpiry.daysLeft(ca, now),
        warningDays);
  }

  /** True when renewal is due: within the warning period, or expired. */
  public boolean expiring() {
    return daysLeft <= warningDays;
  }

  /** The status as the Actuator info endpoint shows it. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("component", component);
    map.put("serial", serial);
    map.put("notAfter", notAfter.toString());
    map.put("daysLeft", daysLeft);
    map.put("expiring", expiring());
    map.put("warningDays", warningDays);
    map.put("caSubject", caSubject);
    map.put("caNotAfter", caNotAfter.toString());
    map.put("caDaysLeft", caDaysLeft);
    return map;
  }

  private static LocalDate day(X509Certificate certificate) {
    return LocalDate.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC);
  }
}
