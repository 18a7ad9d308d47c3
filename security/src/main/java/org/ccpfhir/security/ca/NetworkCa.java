package org.ccpfhir.security.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
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
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The network CA, kept in a directory: {@code ca.p12} (key and certificate, password-protected
 * PKCS#12), {@code ca.pem} (the certificate components trust), {@code issued/<serial>.pem}, {@code
 * revoked.txt} and the signed revocation list {@code crl.pem}. RSA 3072 for the CA, RSA 2048 for
 * components (RSA-OAEP key transport for CMS envelopes needs RSA keys).
 */
public final class NetworkCa {

  private static final Duration CRL_NEXT_UPDATE = Duration.ofDays(7);

  private final Path dir;
  private final Credential credential;
  private final RevocationList revocations;

  private NetworkCa(Path dir, Credential credential) {
    this.dir = dir;
    this.credential = credential;
    this.revocations = new RevocationList(dir);
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve("ca.p12"));
  }

  public static NetworkCa create(Path dir, char[] password, String caName, Duration validity) {
    if (exists(dir)) {
      throw new CredentialException("a network CA already exists in " + dir);
    }
    KeyPair keys = CertificateIssuer.newKeyPair(3072);
    Instant now = Instant.now();
    X509Certificate certificate =
        CertificateIssuer.selfSigned(keys, caName, now.minusSeconds(60), now.plus(validity));
    Credential credential = new Credential(keys.getPrivate(), List.of(certificate));
    credential.writePkcs12(dir.resolve("ca.p12"), password);
    Pem.write(dir.resolve("ca.pem"), certificate);
    NetworkCa ca = new NetworkCa(dir, credential);
    ca.refreshCrl();
    return ca;
  }

  public static NetworkCa open(Path dir, char[] password) {
    return new NetworkCa(dir, Credential.readPkcs12(dir.resolve("ca.p12"), password));
  }

  public X509Certificate certificate() {
    return credential.certificate();
  }

  public Path crlFile() {
    return revocations.crlFile();
  }

  /** A new key pair and certificate for a component, valid from now. */
  public Credential issue(ComponentName name, List<String> dnsNames, Duration validity) {
    Instant now = Instant.now();
    return issue(name, dnsNames, now.minusSeconds(60), now.plus(validity));
  }

  /** A new key pair and certificate with an explicit validity window (tests, migrations). */
  public Credential issue(
      ComponentName name, List<String> dnsNames, Instant notBefore, Instant notAfter) {
    KeyPair keys = CertificateIssuer.newKeyPair(2048);
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
   * Issues a certificate for a request whose key never left the component. The CN must be a
   * component name; of the requested extensions only the subject alternative names are taken.
   */
  public X509Certificate enrol(PKCS10CertificationRequest request, Duration validity) {
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
      if (!request.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
        throw new CredentialException("the request's signature is invalid");
      }
      ComponentName name = ComponentName.parse(commonName(request.getSubject()));
      Instant now = Instant.now();
      return sign(
          CertificateIssuer.componentSubject(name),
          jca.getPublicKey(),
          requestedAltNames(request),
          now.minusSeconds(60),
          now.plus(validity));
    } catch (CredentialException e) {
      throw e;
    } catch (Exception e) {
      throw new CredentialException("cannot enrol the request: " + e.getMessage(), e);
    }
  }

  /** A new certificate with the same subject, key and names, valid from now. */
  public X509Certificate renew(X509Certificate current, Duration validity) {
    if (!current.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
      throw new CredentialException("the certificate was not issued by this CA");
    }
    try {
      List<GeneralName> altNames = new ArrayList<>();
      GeneralNames names =
          GeneralNames.fromExtensions(
              new JcaX509CertificateHolder(current).getExtensions(),
              Extension.subjectAlternativeName);
      if (names != null) {
        altNames.addAll(List.of(names.getNames()));
      }
      Instant now = Instant.now();
      return sign(
          X500Name.getInstance(current.getSubjectX500Principal().getEncoded()),
          current.getPublicKey(),
          altNames,
          now.minusSeconds(60),
          now.plus(validity));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new CredentialException("cannot read the certificate: " + e.getMessage(), e);
    }
  }

  /** Renews the certificate in a PKCS#12 key store in place (same key). */
  public X509Certificate renewKeyStore(Path keyStore, char[] password, Duration validity) {
    Credential current = Credential.readPkcs12(keyStore, password);
    X509Certificate renewed = renew(current.certificate(), validity);
    new Credential(current.privateKey(), List.of(renewed, certificate()))
        .writePkcs12(keyStore, password);
    return renewed;
  }

  /** Revokes a certificate (RFC 5280 reason code) and publishes a new revocation list. */
  public void revoke(BigInteger serial, int reason) {
    if (!Files.exists(issuedFile(serial))) {
      throw new CredentialException("no certificate with serial " + serial.toString(16));
    }
    revocations.add(serial, reason, Instant.now());
    refreshCrl();
  }

  public X509CRL crl() {
    return Pem.readCrl(crlFile());
  }

  /** Re-signs the revocation list (run before its next-update time). */
  public X509CRL refreshCrl() {
    return revocations.publish(certificate(), credential.privateKey(), CRL_NEXT_UPDATE);
  }

  public List<IssuedCertificate> list(Clock clock) {
    Map<BigInteger, Instant> revoked = revocations.revoked();
    Instant now = clock.instant();
    try (Stream<Path> files = Files.list(dir.resolve("issued"))) {
      return files
          .filter(f -> f.toString().endsWith(".pem"))
          .map(Pem::readCertificate)
          .map(c -> describe(c, revoked, now))
          .sorted(Comparator.comparing(IssuedCertificate::notAfter))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static IssuedCertificate describe(
      X509Certificate certificate, Map<BigInteger, Instant> revoked, Instant now) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    long days = Duration.between(now, notAfter).toDays();
    IssuedCertificate.Status status =
        revoked.containsKey(certificate.getSerialNumber())
            ? IssuedCertificate.Status.REVOKED
            : notAfter.isBefore(now)
                ? IssuedCertificate.Status.EXPIRED
                : IssuedCertificate.Status.VALID;
    String cn;
    try {
      cn = ComponentName.commonName(certificate.getSubjectX500Principal());
    } catch (RuntimeException e) {
      cn = "?";
    }
    return new IssuedCertificate(
        certificate.getSerialNumber(), cn, notAfter, notAfter.isBefore(now) ? -1 : days, status);
  }

  private X509Certificate sign(
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

  private static String commonName(X500Name subject) {
    return ComponentName.commonName(new javax.security.auth.x500.X500Principal(encoded(subject)));
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      throw new CredentialException("cannot read the request subject", e);
    }
  }

  private static List<GeneralName> requestedAltNames(PKCS10CertificationRequest request) {
    List<GeneralName> names = new ArrayList<>();
    for (var attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames requested =
          GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (requested != null) {
        for (GeneralName name : requested.getNames()) {
          if (name.getTagNo() == GeneralName.dNSName || name.getTagNo() == GeneralName.iPAddress) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }
}
