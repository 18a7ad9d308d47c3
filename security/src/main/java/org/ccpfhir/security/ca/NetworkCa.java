package org.ccpfhir.security.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The network CA, kept in a directory: {@code ca.p12} (key and certificate, password-protected
 * PKCS#12, owner-only), {@code ca.pem} (the certificate components trust), {@code
 * issued/<serial>.pem}, {@code revoked.txt} and the signed revocation list {@code crl.pem}. Keys
 * are RSA: 3072 bits for the CA, 2048 bits for components (RSA-OAEP key transport for CMS envelopes
 * needs RSA keys). All files are written to a temporary file and moved into place.
 */
public final class NetworkCa {

  /** How long a revocation list stays current unless configured otherwise. */
  public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

  static final int CA_KEY_BITS = 3072;
  static final int COMPONENT_KEY_BITS = 2048;
  private static final String KEY_STORE = "ca.p12";

  private final Path dir;
  private final Credential credential;
  private final RevocationList revocations;
  private final Duration crlValidity;

  private NetworkCa(Path dir, Credential credential, Duration crlValidity) {
    this.dir = dir;
    this.credential = credential;
    this.revocations = new RevocationList(dir);
    this.crlValidity = crlValidity;
  }

  /** Whether {@code dir} holds a network CA. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(KEY_STORE));
  }

  /** Creates a CA (self-signed certificate, empty revocation list) in a new or empty directory. */
  public static NetworkCa create(Path dir, char[] password, String caName, Duration validity) {
    if (exists(dir)) {
      throw new CredentialException("a network CA already exists in " + dir);
    }
    createDirectory(dir);
    KeyPair keys = CertificateIssuer.newKeyPair(CA_KEY_BITS);
    Instant now = Instant.now();
    X509Certificate certificate =
        CertificateIssuer.selfSigned(keys, caName, now.minusSeconds(60), now.plus(validity));
    Credential credential = new Credential(keys.getPrivate(), List.of(certificate));
    credential.writePkcs12(dir.resolve(KEY_STORE), password);
    Pem.write(dir.resolve("ca.pem"), certificate);
    NetworkCa ca = new NetworkCa(dir, credential, DEFAULT_CRL_VALIDITY);
    ca.refreshCrl();
    return ca;
  }

  /** Opens an existing CA; a wrong password fails with a {@link CredentialException}. */
  public static NetworkCa open(Path dir, char[] password) {
    if (!exists(dir)) {
      throw new CredentialException(
          "no network CA in " + dir + " (" + KEY_STORE + " missing; create one with ccp-ca init)");
    }
    return new NetworkCa(
        dir, Credential.readPkcs12(dir.resolve(KEY_STORE), password), DEFAULT_CRL_VALIDITY);
  }

  /** The same CA, publishing revocation lists that stay current for {@code validity}. */
  public NetworkCa withCrlValidity(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("CRL validity must be positive");
    }
    return new NetworkCa(dir, credential, validity);
  }

  public Path directory() {
    return dir;
  }

  public X509Certificate certificate() {
    return credential.certificate();
  }

  /** The PEM file of the current revocation list ({@code crl.pem}). */
  public Path crlFile() {
    return revocations.crlFile();
  }

  /** The PEM file of the CA certificate ({@code ca.pem}), for trust stores. */
  public Path certificateFile() {
    return dir.resolve("ca.pem");
  }

  /** A new key pair and certificate for a component, valid from now. */
  public Credential issue(ComponentName name, List<String> dnsNames, Duration validity) {
    Instant now = Instant.now();
    return issue(name, dnsNames, now.minusSeconds(60), now.plus(validity));
  }

  /** A new key pair and certificate with an explicit validity window (tests, migrations). */
  public Credential issue(
      ComponentName name, List<String> dnsNames, Instant notBefore, Instant notAfter) {
    KeyPair keys = CertificateIssuer.newKeyPair(COMPONENT_KEY_BITS);
    X509Certificate certificate =
        sign(
            CertificateIssuer.componentSubject(name),
            keys.getPublic(),
            CertificateIssuer.altNames(dnsNames),
            notBefore,
            notAfter);
    return new Credential(keys.getPrivate(), List.of(certificate, certificate()));
  }

  /**
   * Issues a certificate for a request whose key never left the component. The request's signature
   * must be valid and its CN a component name; of the requested extensions only DNS and IP subject
   * alternative names are taken.
   */
  public X509Certificate enrol(PKCS10CertificationRequest request, Duration validity) {
    Enrolment enrolment = Enrolment.of(request);
    Instant now = Instant.now();
    return sign(
        CertificateIssuer.componentSubject(enrolment.name()),
        enrolment.publicKey(),
        enrolment.altNames(),
        now.minusSeconds(60),
        now.plus(validity));
  }

  /** A new certificate with the same subject, key and names, a new serial, valid from now. */
  public X509Certificate renew(X509Certificate current, Duration validity) {
    try {
      current.verify(certificate().getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CredentialException(
          "certificate (serial "
              + current.getSerialNumber().toString(16)
              + ") was not issued by this CA");
    }
    Instant now = Instant.now();
    return sign(
        X500Name.getInstance(current.getSubjectX500Principal().getEncoded()),
        current.getPublicKey(),
        altNames(current),
        now.minusSeconds(60),
        now.plus(validity));
  }

  /** Renews the certificate in a PKCS#12 key store in place (same key, same password). */
  public X509Certificate renewKeyStore(Path keyStore, char[] password, Duration validity) {
    Credential current = Credential.readPkcs12(keyStore, password);
    X509Certificate renewed = renew(current.certificate(), validity);
    new Credential(current.privateKey(), List.of(renewed, certificate()))
        .writePkcs12(keyStore, password);
    return renewed;
  }

  /** Revokes a certificate (RFC 5280 reason code) and publishes a new revocation list. */
  public synchronized void revoke(BigInteger serial, int reason) {
    if (!Files.exists(issuedFile(serial))) {
      throw new CredentialException(
          "this CA has issued no certificate with serial " + serial.toString(16));
    }
    if (reason < 0 || reason > 10 || reason == 7) {
      throw new IllegalArgumentException("not an RFC 5280 revocation reason code: " + reason);
    }
    revocations.add(serial, reason, Instant.now());
    refreshCrl();
  }

  /** The current revocation list as published in {@link #crlFile()}. */
  public X509CRL crl() {
    return Pem.readCrl(crlFile());
  }

  /** Re-signs the revocation list (run before its next-update time) and returns it. */
  public synchronized X509CRL refreshCrl() {
    return revocations.publish(certificate(), credential.privateKey(), crlValidity);
  }

  /** All certificates this CA has issued, soonest expiry first. */
  public List<IssuedCertificate> list(Clock clock) {
    return listIssued(dir, clock);
  }

  /**
   * The issued certificates of the CA in {@code dir}, read from its public files only (no password
   * needed): for monitoring expiry.
   */
  public static List<IssuedCertificate> listIssued(Path dir, Clock clock) {
    Map<BigInteger, RevocationList.Entry> revoked = new RevocationList(dir).entries();
    Instant now = clock.instant();
    Path issued = dir.resolve("issued");
    if (!Files.isDirectory(issued)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(issued)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".pem"))
          .map(Pem::readCertificate)
          .map(c -> describe(c, revoked.containsKey(c.getSerialNumber()), now))
          .sorted(Comparator.comparing(IssuedCertificate::notAfter))
          .toList();
    } catch (IOException e) {
      throw new CredentialException("cannot list " + issued + ": " + e.getMessage(), e);
    }
  }

  private static IssuedCertificate describe(
      X509Certificate certificate, boolean revoked, Instant now) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    // whole days left while valid; once expired, whole days since expiry as a negative (at least
    // -1)
    long daysLeft =
        notAfter.isBefore(now)
            ? -Math.max(1, Duration.between(notAfter, now).toDays())
            : Duration.between(now, notAfter).toDays();
    IssuedCertificate.Status status =
        revoked
            ? IssuedCertificate.Status.REVOKED
            : notAfter.isBefore(now)
                ? IssuedCertificate.Status.EXPIRED
                : IssuedCertificate.Status.VALID;
    return new IssuedCertificate(
        certificate.getSerialNumber(),
        commonNameOrSubject(certificate),
        notAfter,
        daysLeft,
        status);
  }

  private static String commonNameOrSubject(X509Certificate certificate) {
    try {
      return ComponentName.commonName(certificate.getSubjectX500Principal());
    } catch (IllegalArgumentException e) {
      return certificate.getSubjectX500Principal().getName();
    }
  }

  private synchronized X509Certificate sign(
      X500Name subject, PublicKey key, List<GeneralName> altNames, Instant from, Instant to) {
    X509Certificate issued =
        CertificateIssuer.component(
            certificate(), credential.privateKey(), subject, key, altNames, from, to);
    Pem.write(issuedFile(issued.getSerialNumber()), issued);
    return issued;
  }

  private Path issuedFile(BigInteger serial) {
    return dir.resolve("issued").resolve(serial.toString(16) + ".pem");
  }

  private static List<GeneralName> altNames(X509Certificate certificate) {
    try {
      GeneralNames names =
          GeneralNames.fromExtensions(
              new JcaX509CertificateHolder(certificate).getExtensions(),
              Extension.subjectAlternativeName);
      return names == null ? List.of() : new ArrayList<>(List.of(names.getNames()));
    } catch (CertificateEncodingException e) {
      throw new CredentialException("cannot read the certificate: " + e.getMessage(), e);
    }
  }

  private static void createDirectory(Path dir) {
    try {
      // not owner-only: components may read ca.pem and crl.pem from here; ca.p12 itself is 0600
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CredentialException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
