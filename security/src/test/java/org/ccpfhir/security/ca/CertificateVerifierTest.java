package org.ccpfhir.security.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ccpfhir.security.ca.CertificateRejectedException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateVerifierTest {

  private static final char[] PASSWORD = "pw".toCharArray();
  private static final ComponentName HD = ComponentName.of("bridgehead", "HD");

  @TempDir static Path dir;
  static NetworkCa ca;
  static CertificateVerifier verifier;
  static Credential valid;

  @BeforeAll
  static void createCa() {
    ca = NetworkCa.create(dir.resolve("ca"), PASSWORD, "Verifier CA", Duration.ofDays(3650));
    verifier = new CertificateVerifier(ca.certificate(), ca::crl, Clock.systemUTC());
    valid = ca.issue(HD, List.of("localhost"), Duration.ofDays(30));
  }

  @Test
  void acceptsLeafAloneOrWithTheCa() throws Exception {
    assertThat(verifier.verify(new X509Certificate[] {valid.certificate()})).isEqualTo(HD);
    assertThat(verifier.verify(valid.chain().toArray(new X509Certificate[0]))).isEqualTo(HD);
  }

  @Test
  void refusesCertificatesOfAnotherCa() {
    // same CA name, different key: only the signature tells them apart
    NetworkCa other =
        NetworkCa.create(dir.resolve("other"), PASSWORD, "Verifier CA", Duration.ofDays(10));
    X509Certificate foreign = other.issue(HD, List.of(), Duration.ofDays(5)).certificate();
    assertRejected(verifier, foreign, Reason.UNKNOWN_ISSUER, "not issued by the network CA");
    assertRejected(
        verifier,
        new X509Certificate[] {foreign, ca.certificate()},
        Reason.UNKNOWN_ISSUER,
        "bridgehead.HD");
  }

  @Test
  void refusesExpiredAndNotYetValidCertificates() {
    Instant now = Instant.now();
    X509Certificate expired =
        ca.issue(
                HD,
                List.of(),
                now.minus(Duration.ofDays(30)),
                Instant.parse("2026-01-01T00:00:00Z"))
            .certificate();
    assertRejected(
        verifier,
        expired,
        Reason.EXPIRED,
        "certificate bridgehead.HD (serial "
            + expired.getSerialNumber().toString(16)
            + ") expired on 2026-01-01");
    X509Certificate future =
        ca.issue(HD, List.of(), now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(20)))
            .certificate();
    assertRejected(verifier, future, Reason.NOT_YET_VALID, "is not valid before");

    CertificateVerifier later =
        new CertificateVerifier(
            ca.certificate(), ca::crl, Clock.fixed(now.plus(Duration.ofDays(31)), ZoneOffset.UTC));
    assertRejected(later, valid.certificate(), Reason.EXPIRED, "expired on");
  }

  @Test
  void refusesRevokedCertificatesOnceTheCrlSaysSo() throws Exception {
    X509Certificate soonRevoked =
        ca.issue(ComponentName.of("bridgehead", "REV"), List.of(), Duration.ofDays(5))
            .certificate();
    assertThat(verifier.verify(new X509Certificate[] {soonRevoked}).site()).isEqualTo("REV");
    ca.revoke(soonRevoked.getSerialNumber(), CRLReason.keyCompromise);
    assertRejected(verifier, soonRevoked, Reason.REVOKED, "bridgehead.REV");
    assertThat(verifier.verify(new X509Certificate[] {valid.certificate()})).isEqualTo(HD);
  }

  @Test
  void treatsAMissingCrlAsNoRevocationsButRefusesAForgedOne() throws Exception {
    CertificateVerifier withoutCrl =
        new CertificateVerifier(ca.certificate(), () -> null, Clock.systemUTC());
    assertThat(withoutCrl.verify(new X509Certificate[] {valid.certificate()})).isEqualTo(HD);

    NetworkCa impostor =
        NetworkCa.create(dir.resolve("impostor"), PASSWORD, "Verifier CA", Duration.ofDays(10));
    X509CRL forged = impostor.crl();
    CertificateVerifier withForgedCrl =
        new CertificateVerifier(ca.certificate(), () -> forged, Clock.systemUTC());
    assertRejected(withForgedCrl, valid.certificate(), Reason.BAD_CRL, "revocation list");
  }

  @Test
  void refusesSubjectsThatAreNoComponentName() {
    KeyPair keys = CertificateIssuer.newKeyPair(2048);
    X509Certificate unnamed =
        CertificateIssuer.component(
            ca.certificate(),
            caKey(),
            new X500Name("CN=Not A Component, O=ccp-fhir"),
            keys.getPublic(),
            List.of(),
            Instant.now().minusSeconds(60),
            Instant.now().plus(Duration.ofDays(1)));
    assertRejected(verifier, unnamed, Reason.BAD_SUBJECT, "does not name a component");
  }

  @Test
  void refusesCertificatesNotMeantForComponents() throws Exception {
    assertRejected(verifier, ca.certificate(), Reason.WRONG_USAGE, "not a component certificate");

    KeyPair keys = CertificateIssuer.newKeyPair(2048);
    Instant now = Instant.now();
    X509Certificate noUsage =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        ca.certificate(),
                        java.math.BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(60)),
                        Date.from(now.plusSeconds(3600)),
                        new X500Name("CN=bridgehead.HD"),
                        keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey())));
    assertRejected(verifier, noUsage, Reason.WRONG_USAGE, "bridgehead.HD");
  }

  @Test
  void refusesAnEmptyChain() {
    assertThatThrownBy(() -> verifier.verify(new X509Certificate[0]))
        .isInstanceOf(CertificateRejectedException.class)
        .hasMessageContaining("no certificate");
  }

  private static java.security.PrivateKey caKey() {
    return Credential.readPkcs12(dir.resolve("ca/ca.p12"), PASSWORD).privateKey();
  }

  private static void assertRejected(
      CertificateVerifier verifier, X509Certificate certificate, Reason reason, String message) {
    assertRejected(verifier, new X509Certificate[] {certificate}, reason, message);
  }

  private static void assertRejected(
      CertificateVerifier verifier, X509Certificate[] chain, Reason reason, String message) {
    assertThatThrownBy(() -> verifier.verify(chain))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e).hasMessageContaining(message);
            });
  }
}
