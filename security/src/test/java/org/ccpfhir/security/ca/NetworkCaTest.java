package org.ccpfhir.security.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCaTest {

  private static final char[] PASSWORD = "ca-secret".toCharArray();

  @TempDir static Path dir;
  static NetworkCa ca;

  @BeforeAll
  static void createCa() {
    ca = NetworkCa.create(dir.resolve("ca"), PASSWORD, "Test Network CA", Duration.ofDays(365));
  }

  @Test
  void createsSelfSignedCaWithItsFiles() throws Exception {
    Path caDir = dir.resolve("ca");
    assertThat(NetworkCa.exists(caDir)).isTrue();
    assertThat(caDir.resolve("ca.p12")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(caDir.resolve("ca.p12")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    X509Certificate certificate = ca.certificate();
    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=Test Network CA");
    assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    boolean[] usage = certificate.getKeyUsage();
    assertThat(usage[5]).as("keyCertSign").isTrue();
    assertThat(usage[6]).as("cRLSign").isTrue();
    assertThat(Pem.readCertificate(ca.certificateFile())).isEqualTo(certificate);
    assertThat(Files.getPosixFilePermissions(ca.certificateFile()))
        .as("the trust anchor is public")
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    X509CRL crl = ca.crl();
    crl.verify(certificate.getPublicKey());
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
        .isEqualTo(NetworkCa.DEFAULT_CRL_VALIDITY);
  }

  @Test
  void refusesToOverwriteAnExistingCa() {
    assertThatThrownBy(
            () -> NetworkCa.create(dir.resolve("ca"), PASSWORD, "again", Duration.ofDays(1)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void opensWithThePasswordAndRefusesAWrongOne() {
    assertThat(NetworkCa.open(dir.resolve("ca"), PASSWORD).certificate())
        .isEqualTo(ca.certificate());
    assertThatThrownBy(() -> NetworkCa.open(dir.resolve("ca"), "guess".toCharArray()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("ca.p12")
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("guess");
    assertThatThrownBy(() -> NetworkCa.open(dir.resolve("nowhere"), PASSWORD))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("no network CA");
  }

  @Test
  void issuesComponentCertificates() throws Exception {
    Credential credential =
        ca.issue(
            ComponentName.of("bridgehead", "HD"),
            List.of("localhost", "bh.hd.example"),
            Duration.ofDays(30));
    X509Certificate leaf = credential.certificate();
    assertThat(credential.chain()).containsExactly(leaf, ca.certificate());
    leaf.verify(ca.certificate().getPublicKey());
    assertThat(ComponentName.fromCertificate(leaf)).isEqualTo(ComponentName.of("bridgehead", "HD"));
    assertThat(leaf.getSubjectX500Principal().getName())
        .contains("CN=bridgehead.HD", "O=ccp-fhir", "OU=bridgehead", "L=HD");
    assertThat(leaf.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder("localhost", "127.0.0.1", "bh.hd.example");
    assertThat(leaf.getExtendedKeyUsage())
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getSerialNumber().bitLength()).isEqualTo(128);
    assertThat(dir.resolve("ca/issued/" + leaf.getSerialNumber().toString(16) + ".pem"))
        .isRegularFile();
    assertThat(
            Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())
                .toDays())
        .isEqualTo(30);
  }

  @Test
  void issuesCentralComponentsWithoutSite() {
    X509Certificate leaf =
        ca.issue(ComponentName.of("broker", null), List.of(), Duration.ofDays(5)).certificate();
    assertThat(ComponentName.fromCertificate(leaf).central()).isTrue();
    assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=broker", "OU=broker");
  }

  @Test
  void enrolsARequestTakingOnlyNameKeyAndAlternativeNames() throws Exception {
    KeyPair keys = Csrs.rsaKeys();
    X509Certificate issued =
        ca.enrol(Csrs.request("CN=bridgehead.MZ, O=Evil Corp", keys), Duration.ofDays(90));
    assertThat(issued.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(ComponentName.fromCertificate(issued))
        .isEqualTo(ComponentName.of("bridgehead", "MZ"));
    assertThat(issued.getSubjectX500Principal().getName())
        .contains("O=ccp-fhir")
        .doesNotContain("Evil");
    assertThat(issued.getBasicConstraints()).as("no CA flag from the request").isEqualTo(-1);
    assertThat(issued.getKeyUsage()[5]).as("no keyCertSign from the request").isFalse();
    assertThat(issued.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder("bh.example.org", "10.0.0.7");
  }

  @Test
  void refusesRequestsWithBadSignatureOrName() throws Exception {
    KeyPair keys = Csrs.rsaKeys();
    KeyPair other = Csrs.rsaKeys();
    assertThatThrownBy(
            () ->
                ca.enrol(
                    Csrs.request("CN=bridgehead.MZ", keys, other.getPrivate()), Duration.ofDays(1)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("signature is invalid");
    assertThatThrownBy(() -> ca.enrol(Csrs.request("CN=Some Person", keys), Duration.ofDays(1)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("component name");
  }

  @Test
  void renewsWithSameSubjectKeyAndNames() throws Exception {
    Credential credential =
        ca.issue(
            ComponentName.of("mds-search", null), List.of("search.example"), Duration.ofDays(3));
    X509Certificate current = credential.certificate();
    X509Certificate renewed = ca.renew(current, Duration.ofDays(400));
    assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
    assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
    assertThat(renewed.getPublicKey()).isEqualTo(current.getPublicKey());
    assertThat(renewed.getSubjectAlternativeNames())
        .containsExactlyElementsOf(current.getSubjectAlternativeNames());
    assertThat(renewed.getNotAfter()).isAfter(current.getNotAfter());
  }

  @Test
  void renewsAKeyStoreInPlace() {
    Path keyStore = dir.resolve("renew/bridgehead.p12");
    char[] password = "ks".toCharArray();
    Credential original =
        ca.issue(ComponentName.of("bridgehead", "FR"), List.of(), Duration.ofDays(2));
    original.writePkcs12(keyStore, password);
    X509Certificate renewed = ca.renewKeyStore(keyStore, password, Duration.ofDays(200));
    Credential reread = Credential.readPkcs12(keyStore, password);
    assertThat(reread.certificate()).isEqualTo(renewed);
    assertThat(reread.privateKey()).isEqualTo(original.privateKey());
    assertThat(reread.chain()).containsExactly(renewed, ca.certificate());
  }

  @Test
  void refusesToRenewAForeignCertificate() {
    NetworkCa other =
        NetworkCa.create(dir.resolve("other"), PASSWORD, "Other CA", Duration.ofDays(10));
    X509Certificate foreign =
        other
            .issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(1))
            .certificate();
    assertThatThrownBy(() -> ca.renew(foreign, Duration.ofDays(1)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("not issued by this CA");
  }

  @Test
  void revokesIntoASignedCrl() throws Exception {
    X509Certificate leaf =
        ca.issue(ComponentName.of("bridgehead", "KA"), List.of(), Duration.ofDays(10))
            .certificate();
    ca.revoke(leaf.getSerialNumber(), CRLReason.keyCompromise);
    X509CRL crl = Pem.readCrl(ca.crlFile());
    crl.verify(ca.certificate().getPublicKey());
    assertThat(crl.isRevoked(leaf)).isTrue();
    assertThat(crl.getRevokedCertificate(leaf.getSerialNumber()).getRevocationReason())
        .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(Files.readString(dir.resolve("ca/revoked.txt")))
        .contains(leaf.getSerialNumber().toString(16) + " 1 ");
    ca.revoke(leaf.getSerialNumber(), CRLReason.superseded);
    assertThat(ca.crl().getRevokedCertificates()).hasSizeGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> ca.revoke(java.math.BigInteger.TEN, 0))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("no certificate with serial a");
  }

  @Test
  void listsIssuedCertificatesWithStatusAndDaysLeft() {
    Path caDir = dir.resolve("listing");
    NetworkCa listing = NetworkCa.create(caDir, PASSWORD, "Listing CA", Duration.ofDays(100));
    Instant now = Instant.now();
    X509Certificate valid =
        listing
            .issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(20))
            .certificate();
    X509Certificate expired =
        listing
            .issue(
                ComponentName.of("bridgehead", "OLD"),
                List.of(),
                now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(2)))
            .certificate();
    X509Certificate revoked =
        listing
            .issue(ComponentName.of("broker", null), List.of(), Duration.ofDays(50))
            .certificate();
    listing.revoke(revoked.getSerialNumber(), CRLReason.cessationOfOperation);

    List<IssuedCertificate> list =
        NetworkCa.open(caDir, PASSWORD).list(Clock.fixed(now, ZoneOffset.UTC));

    assertThat(list)
        .extracting(IssuedCertificate::cn, IssuedCertificate::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bridgehead.OLD", IssuedCertificate.Status.EXPIRED),
            org.assertj.core.groups.Tuple.tuple("bridgehead.HD", IssuedCertificate.Status.VALID),
            org.assertj.core.groups.Tuple.tuple("broker", IssuedCertificate.Status.REVOKED));
    assertThat(list.get(0).daysLeft()).isEqualTo(-2);
    assertThat(list.get(1).daysLeft()).isBetween(19L, 20L);
    assertThat(list.get(1).serial()).isEqualTo(valid.getSerialNumber());
    assertThat(list.get(0).serial()).isEqualTo(expired.getSerialNumber());
  }

  @Test
  void crlValidityIsConfigurable() {
    X509CRL crl = ca.withCrlValidity(Duration.ofDays(1)).refreshCrl();
    assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
        .isEqualTo(Duration.ofDays(1));
    assertThat(ca.refreshCrl().getNextUpdate()).isAfter(crl.getNextUpdate());
  }
}
