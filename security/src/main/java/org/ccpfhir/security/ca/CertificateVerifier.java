package org.ccpfhir.security.ca;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides whether a certificate belongs to the network: issued and signed by the network CA, valid
 * now, not revoked by the CA's current revocation list, an end-entity certificate for TLS clients
 * or servers, and named as a component. The network CA issues end-entity certificates directly (no
 * intermediates), so the check is explicit rather than a general path search, and each failure has
 * its own reason.
 *
 * <p>The revocation list comes from a supplier so that components pick up a new list without a
 * restart. No list ({@code null}) means nothing is revoked yet; a list past its next-update time
 * still applies (its revocations stay true), but a list not signed by the CA refuses every
 * certificate ({@link CertificateRejectedException.Reason#BAD_CRL}).
 */
public final class CertificateVerifier {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final X509Certificate caCertificate;
  private final Supplier<X509CRL> crl;
  private final Clock clock;

  public CertificateVerifier(X509Certificate caCertificate, Supplier<X509CRL> crl, Clock clock) {
    this.caCertificate = caCertificate;
    this.crl = crl;
    this.clock = clock;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** Verifies a chain (leaf first; a trailing CA certificate is ignored) and names its owner. */
  public ComponentName verify(X509Certificate[] chain) throws CertificateRejectedException {
    if (chain == null || chain.length == 0) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.UNKNOWN_ISSUER, null, "no certificate presented");
    }
    X509Certificate leaf = chain[0];
    String name = nameOrNull(leaf);
    String label =
        "certificate " + (name == null ? "" : name + " ") + "(serial " + serial(leaf) + ")";
    checkIssuer(leaf, name, label);
    checkValidity(leaf, name, label);
    checkRevocation(leaf, name, label);
    checkUsage(leaf, name, label);
    if (name == null) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.BAD_SUBJECT,
          null,
          label + " does not name a component (CN role or role.SITE)");
    }
    return ComponentName.parse(name);
  }

  private void checkIssuer(X509Certificate leaf, String name, String label)
      throws CertificateRejectedException {
    try {
      if (!leaf.getIssuerX500Principal().equals(caCertificate.getSubjectX500Principal())) {
        throw new GeneralSecurityException("other issuer");
      }
      leaf.verify(caCertificate.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.UNKNOWN_ISSUER,
          name,
          label + " is not issued by the network CA");
    }
  }

  private void checkValidity(X509Certificate leaf, String name, String label)
      throws CertificateRejectedException {
    try {
      leaf.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException e) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.EXPIRED,
          name,
          label + " expired on " + day(leaf.getNotAfter()));
    } catch (CertificateNotYetValidException e) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.NOT_YET_VALID,
          name,
          label + " is not valid before " + day(leaf.getNotBefore()));
    }
  }

  private void checkRevocation(X509Certificate leaf, String name, String label)
      throws CertificateRejectedException {
    X509CRL list = crl.get();
    if (list == null) {
      return;
    }
    try {
      if (!list.getIssuerX500Principal().equals(caCertificate.getSubjectX500Principal())) {
        throw new GeneralSecurityException("other issuer");
      }
      list.verify(caCertificate.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.BAD_CRL,
          name,
          "the revocation list is not signed by the network CA; " + label + " not accepted");
    }
    if (list.isRevoked(leaf)) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.REVOKED, name, label + " is revoked");
    }
  }

  private static void checkUsage(X509Certificate leaf, String name, String label)
      throws CertificateRejectedException {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      usages = null;
    }
    boolean tls = usages != null && (usages.contains(CLIENT_AUTH) || usages.contains(SERVER_AUTH));
    boolean[] keyUsage = leaf.getKeyUsage();
    boolean signs = keyUsage != null && keyUsage.length > 0 && keyUsage[0];
    if (!tls || !signs || leaf.getBasicConstraints() >= 0) {
      throw new CertificateRejectedException(
          CertificateRejectedException.Reason.WRONG_USAGE,
          name,
          label
              + " is not a component certificate (needs digitalSignature, TLS client/server"
              + " usage, no CA flag)");
    }
  }

  private static String nameOrNull(X509Certificate certificate) {
    try {
      return ComponentName.fromCertificate(certificate).cn();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String serial(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16);
  }

  private static LocalDate day(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }
}
