package org.ccpfhir.security.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.ccpfhir.security.ca.CertificateRejectedException;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.cms.EnvelopeException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopesTest {

  private static final char[] PASSWORD = "pw".toCharArray();
  private static final byte[] BUNDLE =
      "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]}"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static NetworkCa ca;
  static CertificateVerifier verifier;
  static Credential bridgehead;
  static Credential broker;

  @BeforeAll
  static void createNetwork() {
    ca = NetworkCa.create(dir.resolve("ca"), PASSWORD, "Envelope CA", Duration.ofDays(100));
    verifier = new CertificateVerifier(ca.certificate(), ca::crl, Clock.systemUTC());
    bridgehead = ca.issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(10));
    broker = ca.issue(ComponentName.of("broker", null), List.of(), Duration.ofDays(10));
  }

  @Test
  void sealsAndOpensASmallPayload() {
    byte[] sealed = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());

    Opened opened = Envelopes.open(sealed, broker, verifier);

    assertThat(opened.payload()).isEqualTo(BUNDLE);
    assertThat(opened.sender()).isEqualTo(ComponentName.of("bridgehead", "HD"));
    assertThat(opened.senderCertificate()).isEqualTo(bridgehead.certificate());
    assertThat(opened.toString()).doesNotContain("Bundle");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Bundle");
  }

  @Test
  void sealsAndOpensAFiveMegabytePayload() {
    byte[] payload = new byte[5 * 1024 * 1024];
    new SecureRandom().nextBytes(payload);

    byte[] sealed = Envelopes.seal(payload, bridgehead, broker.certificate());

    assertThat(Envelopes.open(sealed, broker, verifier).payload()).isEqualTo(payload);
    byte[] tampered = sealed.clone();
    tampered[sealed.length / 2] ^= 0x01;
    assertRefused(() -> Envelopes.open(tampered, broker, verifier), Reason.TAMPERED);
  }

  @Test
  void sealingTwiceGivesDifferentBytes() {
    byte[] first = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    byte[] second = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    assertThat(first).isNotEqualTo(second);
    assertThat(Envelopes.open(second, broker, verifier).payload()).isEqualTo(BUNDLE);
  }

  @Test
  void refusesEveryEnvelopeWithAFlippedByte() {
    byte[] sealed = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    List<String> accepted = new ArrayList<>();
    List<String> otherFailures = new ArrayList<>();
    for (int i = 0; i < sealed.length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] tampered = sealed.clone();
        tampered[i] ^= (byte) mask;
        try {
          Envelopes.open(tampered, broker, verifier);
          accepted.add(i + "^" + mask);
        } catch (EnvelopeException expected) {
          assertThat(expected.getMessage()).doesNotContain("Bundle");
        } catch (RuntimeException e) {
          otherFailures.add(i + "^" + mask + ": " + e);
        }
      }
    }
    assertThat(accepted).as("tampered envelopes that opened").isEmpty();
    assertThat(otherFailures).as("tampered envelopes failing without EnvelopeException").isEmpty();
  }

  @Test
  void refusesTruncatedOrForeignBytes() {
    byte[] sealed = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 1);
    byte[] extended = java.util.Arrays.copyOf(sealed, sealed.length + 1);
    assertRefused(() -> Envelopes.open(truncated, broker, verifier), Reason.MALFORMED);
    assertRefused(() -> Envelopes.open(extended, broker, verifier), Reason.MALFORMED);
    assertRefused(() -> Envelopes.open(new byte[0], broker, verifier), Reason.MALFORMED);
    assertRefused(() -> Envelopes.open(BUNDLE, broker, verifier), Reason.MALFORMED);
  }

  @Test
  void refusesEnvelopesAddressedToSomeoneElse() {
    byte[] sealed = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    assertRefused(() -> Envelopes.open(sealed, bridgehead, verifier), Reason.WRONG_RECIPIENT);
  }

  @Test
  void opensWithARenewedCertificateOfTheSameKey() {
    byte[] sealed = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    Credential renewed =
        new Credential(
            broker.privateKey(),
            List.of(ca.renew(broker.certificate(), Duration.ofDays(20)), ca.certificate()));
    assertThat(Envelopes.open(sealed, renewed, verifier).payload()).isEqualTo(BUNDLE);
  }

  @Test
  void refusesUnsignedContent() throws Exception {
    JceKeyTransRecipientInfoGenerator to =
        new JceKeyTransRecipientInfoGenerator(
                AuthEnvelope.subjectKeyId(broker.certificate().getPublicKey()),
                CmsAlgorithms.RSA_OAEP_SHA256,
                broker.certificate().getPublicKey())
            .setProvider(CmsAlgorithms.BC);
    byte[] unsigned = AuthEnvelope.seal(CMSObjectIdentifiers.data, BUNDLE, to);
    assertRefused(() -> Envelopes.open(unsigned, broker, verifier), Reason.UNSIGNED);

    CMSEnvelopedDataGenerator plain = new CMSEnvelopedDataGenerator();
    plain.addRecipientInfoGenerator(
        new JceKeyTransRecipientInfoGenerator(broker.certificate()).setProvider(CmsAlgorithms.BC));
    byte[] plainEnveloped =
        plain
            .generate(
                new CMSProcessableByteArray(BUNDLE),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(CmsAlgorithms.BC)
                    .build())
            .getEncoded();
    assertRefused(() -> Envelopes.open(plainEnveloped, broker, verifier), Reason.MALFORMED);
  }

  @Test
  void refusesASignatureThatDoesNotMatchTheIncludedCertificate() throws Exception {
    // signed with the broker's key but claiming the bridgehead's certificate
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(
                new JcaContentSignerBuilder("SHA256withRSA").build(broker.privateKey()),
                bridgehead.certificate()));
    generator.addCertificates(new JcaCertStore(List.of(bridgehead.certificate())));
    byte[] forged =
        generator.generate(new CMSProcessableByteArray(BUNDLE), true).getEncoded(ASN1Encoding.DER);
    byte[] sealed =
        AuthEnvelope.seal(
            CMSObjectIdentifiers.signedData,
            forged,
            new JceKeyTransRecipientInfoGenerator(
                    AuthEnvelope.subjectKeyId(broker.certificate().getPublicKey()),
                    CmsAlgorithms.RSA_OAEP_SHA256,
                    broker.certificate().getPublicKey())
                .setProvider(CmsAlgorithms.BC));
    assertRefused(() -> Envelopes.open(sealed, broker, verifier), Reason.BAD_SIGNATURE);
  }

  @Test
  void refusesSendersOfAnotherCa() {
    NetworkCa other =
        NetworkCa.create(dir.resolve("other"), PASSWORD, "Envelope CA", Duration.ofDays(10));
    Credential impostor =
        other.issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(5));
    byte[] sealed = Envelopes.seal(BUNDLE, impostor, broker.certificate());
    assertSenderRejected(sealed, verifier, CertificateRejectedException.Reason.UNKNOWN_ISSUER);
  }

  @Test
  void refusesRevokedAndExpiredSenders() {
    Credential revoked =
        ca.issue(ComponentName.of("bridgehead", "REV"), List.of(), Duration.ofDays(5));
    byte[] sealed = Envelopes.seal(BUNDLE, revoked, broker.certificate());
    assertThat(Envelopes.open(sealed, broker, verifier).sender().site()).isEqualTo("REV");
    ca.revoke(revoked.certificate().getSerialNumber(), CRLReason.keyCompromise);
    assertSenderRejected(sealed, verifier, CertificateRejectedException.Reason.REVOKED);

    byte[] fromBridgehead = Envelopes.seal(BUNDLE, bridgehead, broker.certificate());
    CertificateVerifier nextYear =
        new CertificateVerifier(
            ca.certificate(),
            ca::crl,
            Clock.fixed(Instant.now().plus(Duration.ofDays(365)), ZoneOffset.UTC));
    assertSenderRejected(fromBridgehead, nextYear, CertificateRejectedException.Reason.EXPIRED);
  }

  @Test
  void refusesToSealForANonRsaCertificate() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    java.security.KeyPair keys = generator.generateKeyPair();
    org.bouncycastle.asn1.x500.X500Name name =
        new org.bouncycastle.asn1.x500.X500Name("CN=study-ec");
    X509Certificate ecCertificate =
        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
            .getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                        name,
                        java.math.BigInteger.ONE,
                        new java.util.Date(),
                        new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                        name,
                        keys.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    assertRefused(() -> Envelopes.seal(BUNDLE, bridgehead, ecCertificate), Reason.CANNOT_SEAL);
  }

  private static void assertSenderRejected(
      byte[] sealed, CertificateVerifier verifier, CertificateRejectedException.Reason reason) {
    assertThatThrownBy(() -> Envelopes.open(sealed, broker, verifier))
        .isInstanceOfSatisfying(
            EnvelopeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SENDER_REJECTED);
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      CertificateRejectedException.class,
                      c -> assertThat(c.reason()).isEqualTo(reason));
              assertThat(e).hasMessageContaining("bridgehead");
            });
  }

  static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable open, Reason reason) {
    assertThatThrownBy(open)
        .isInstanceOfSatisfying(
            EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
