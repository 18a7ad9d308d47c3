package org.ccpfhir.security.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.Csrs;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.ca.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CcpCaCommandTest {

  @TempDir Path dir;
  private Path caDir;
  private Path caPassword;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void createCa() {
    caDir = dir.resolve("ca");
    caPassword = dir.resolve("secrets/ca.password");
    assertThat(
            run(
                "init",
                "--dir",
                caDir.toString(),
                "--name",
                "CLI CA",
                "--password-file",
                caPassword.toString()))
        .isZero();
  }

  @Test
  void initCreatesTheCaWithAGeneratedOwnerOnlyPassword() throws Exception {
    assertThat(caDir.resolve("ca.p12")).isRegularFile();
    assertThat(caDir.resolve("ca.pem")).isRegularFile();
    assertThat(caDir.resolve("crl.pem")).isRegularFile();
    assertThat(out.toString()).contains("created network CA \"CLI CA\"");
    assertThat(Files.getPosixFilePermissions(caPassword))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(caPassword).strip()).hasSizeGreaterThanOrEqualTo(32);
    X509Certificate ca = Pem.readCertificate(caDir.resolve("ca.pem"));
    assertThat(ca.getNotAfter().getTime() - ca.getNotBefore().getTime())
        .isGreaterThan(3649L * 24 * 3600 * 1000);

    assertThat(
            run(
                "init",
                "--dir",
                caDir.toString(),
                "--name",
                "again",
                "--password-file",
                caPassword.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("already exists").doesNotContain("\tat ");
  }

  @Test
  void issueWritesAKeyStoreAndItsPassword() throws Exception {
    Path p12 = dir.resolve("out/bridgehead-hd.p12");
    assertThat(
            run(
                ca("issue"),
                "--role",
                "bridgehead",
                "--site",
                "HD",
                "--dns",
                "localhost",
                "bh.example",
                "--days",
                "90",
                "--out",
                p12.toString()))
        .isZero();
    Path password = dir.resolve("out/bridgehead-hd.p12.password");
    assertThat(Files.getPosixFilePermissions(password))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Credential credential = Credential.readPkcs12(p12, PasswordFiles.read(password));
    assertThat(ComponentName.fromCertificate(credential.certificate()))
        .isEqualTo(ComponentName.of("bridgehead", "HD"));
    assertThat(credential.certificate().getSubjectAlternativeNames()).hasSize(3);
    assertThat(out.toString()).contains("issued bridgehead.HD");

    assertThat(run(ca("issue"), "--role", "bridgehead", "--site", "HD", "--out", p12.toString()))
        .as("existing key store")
        .isEqualTo(2);
    assertThat(err.toString()).contains("already exists");
  }

  @Test
  void issueUsesAGivenPasswordFileAndRefusesBadNames() throws Exception {
    Path passwordFile = dir.resolve("broker.password");
    Files.writeString(passwordFile, "broker-secret\n");
    Path p12 = dir.resolve("broker.p12");
    assertThat(
            run(
                ca("issue"),
                "--role",
                "broker",
                "--out",
                p12.toString(),
                "--out-password-file",
                passwordFile.toString()))
        .isZero();
    assertThat(
            Credential.readPkcs12(p12, "broker-secret".toCharArray())
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .contains("CN=broker");

    assertThat(
            run(
                ca("issue"),
                "--role",
                "Bridgehead",
                "--site",
                "hd",
                "--out",
                dir.resolve("x.p12").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("component role");
  }

  @Test
  void enrolsARequest() throws Exception {
    KeyPair keys = Csrs.rsaKeys();
    Path csr = dir.resolve("req.pem");
    Files.writeString(csr, Pem.encode(Csrs.request("CN=bridgehead.MZ", keys)));
    Path cert = dir.resolve("cert.pem");
    assertThat(run(ca("enrol"), "--csr", csr.toString(), "--out", cert.toString(), "--days", "30"))
        .isZero();
    X509Certificate issued = Pem.readCertificate(cert);
    assertThat(issued.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(ComponentName.fromCertificate(issued).site()).isEqualTo("MZ");

    Files.writeString(csr, Pem.encode(Csrs.request("CN=Somebody", keys)));
    assertThat(run(ca("enrol"), "--csr", csr.toString(), "--out", cert.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("component name");
  }

  @Test
  void renewsAKeyStoreOrACertificateFile() throws Exception {
    Path p12 = dir.resolve("hd.p12");
    run(
        ca("issue"),
        "--role",
        "bridgehead",
        "--site",
        "HD",
        "--days",
        "5",
        "--out",
        p12.toString());
    Path password = dir.resolve("hd.p12.password");
    X509Certificate before = Credential.readPkcs12(p12, PasswordFiles.read(password)).certificate();

    assertThat(
            run(
                ca("renew"),
                "--keystore",
                p12.toString(),
                "--keystore-password-file",
                password.toString(),
                "--days",
                "100"))
        .isZero();
    X509Certificate after = Credential.readPkcs12(p12, PasswordFiles.read(password)).certificate();
    assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    assertThat(after.getPublicKey()).isEqualTo(before.getPublicKey());
    assertThat(after.getNotAfter()).isAfter(before.getNotAfter());

    Path current = dir.resolve("current.pem");
    Pem.write(current, after);
    Path renewed = dir.resolve("renewed.pem");
    assertThat(run(ca("renew"), "--cert", current.toString(), "--out", renewed.toString()))
        .isZero();
    assertThat(Pem.readCertificate(renewed).getPublicKey()).isEqualTo(after.getPublicKey());

    assertThat(run(ca("renew"))).as("neither --keystore nor --cert").isEqualTo(1);
    assertThat(run(ca("renew"), "--keystore", p12.toString())).isEqualTo(1);
  }

  @Test
  void revokesAndReSignsTheCrl() throws Exception {
    Path p12 = dir.resolve("rev.p12");
    run(ca("issue"), "--role", "bridgehead", "--site", "REV", "--out", p12.toString());
    X509Certificate leaf =
        Credential.readPkcs12(p12, PasswordFiles.read(dir.resolve("rev.p12.password")))
            .certificate();
    String serial = leaf.getSerialNumber().toString(16);

    assertThat(run(ca("revoke"), "--serial", serial, "--reason", "keyCompromise")).isZero();
    X509CRL crl = Pem.readCrl(caDir.resolve("crl.pem"));
    assertThat(crl.isRevoked(leaf)).isTrue();
    assertThat(crl.getRevokedCertificate(leaf.getSerialNumber()).getRevocationReason())
        .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);

    assertThat(run(ca("revoke"), "--serial", serial, "--reason", "bored")).isEqualTo(1);
    assertThat(run(ca("revoke"), "--serial", "xyz")).isEqualTo(1);
    assertThat(run(ca("revoke"), "--serial", "abc123")).isEqualTo(2);
    assertThat(err.toString()).contains("no certificate with serial abc123");

    assertThat(run(ca("crl"), "--next-update-days", "2")).isZero();
    assertThat(out.toString().strip()).isEqualTo(caDir.resolve("crl.pem").toString());
    X509CRL resigned = Pem.readCrl(caDir.resolve("crl.pem"));
    assertThat(resigned.isRevoked(leaf)).isTrue();
    assertThat(resigned.getNextUpdate().getTime() - resigned.getThisUpdate().getTime())
        .isEqualTo(2L * 24 * 3600 * 1000);
  }

  @Test
  void listsCertificatesAndFlagsThoseExpiringSoon() throws Exception {
    run(
        ca("issue"),
        "--role",
        "bridgehead",
        "--site",
        "HD",
        "--days",
        "10",
        "--out",
        dir.resolve("a.p12").toString());
    run(ca("issue"), "--role", "broker", "--days", "365", "--out", dir.resolve("b.p12").toString());
    Credential revoked =
        Credential.readPkcs12(
            dir.resolve("b.p12"), PasswordFiles.read(dir.resolve("b.p12.password")));
    run(ca("revoke"), "--serial", revoked.certificate().getSerialNumber().toString(16));

    assertThat(run(ca("list"), "--warn-days", "30"))
        .as("bridgehead.HD expires within 30 days")
        .isEqualTo(CcpCaCommand.EXIT_RENEW);
    String table = out.toString();
    assertThat(table).contains("SERIAL", "CN", "NOT-AFTER", "DAYS-LEFT", "STATUS");
    assertThat(table.lines().filter(l -> l.contains("bridgehead.HD")).findFirst().orElseThrow())
        .contains("EXPIRING")
        .containsPattern(" (9|10)  ");
    assertThat(table.lines().filter(l -> l.contains("broker")).findFirst().orElseThrow())
        .contains("REVOKED");
    assertThat(err.toString())
        .contains("1 certificate(s) expire within 30 days")
        .contains("1 component(s) whose current certificate is expiring or expired: bridgehead.HD");

    assertThat(run(ca("list"), "--warn-days", "5"))
        .as("nothing within 5 days; the revoked broker does not count")
        .isZero();
  }

  @Test
  void listExitsWithThreeWhileTheCurrentCertificateOfAComponentIsExpired() throws Exception {
    // an expired certificate: issued with a validity that ended before now
    NetworkCa ca = NetworkCa.open(caDir, PasswordFiles.read(caPassword));
    Instant now = Instant.now();
    X509Certificate old =
        ca.issue(
                ComponentName.of("bridgehead", "TUE"),
                List.of("localhost"),
                now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(35)))
            .certificate();
    assertThat(run(ca("list"), "--warn-days", "0")).isEqualTo(CcpCaCommand.EXIT_RENEW);
    assertThat(out.toString()).contains("EXPIRED");
    assertThat(err.toString()).contains("bridgehead.TUE");

    // renewed: the new certificate is current, the expired one stays listed but counts no more
    ca.renew(old, Duration.ofDays(365));
    assertThat(run(ca("list"), "--warn-days", "30")).isZero();
    assertThat(out.toString()).contains("EXPIRED");
  }

  @Test
  void hashesAPasswordForTheLocalIssuer() {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(run("hash-password")).isZero();
    } finally {
      System.setIn(original);
    }
    String hash = out.toString().strip();
    assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain("s3cret");
    assertThat(
            org.springframework.security.crypto.factory.PasswordEncoderFactories
                .createDelegatingPasswordEncoder()
                .matches("s3cret", hash))
        .isTrue();
  }

  @Test
  void failsWithOneClearLineOnAWrongPassword() throws Exception {
    Path wrong = dir.resolve("wrong.password");
    Files.writeString(wrong, "not-the-password\n");
    assertThat(run("crl", "--dir", caDir.toString(), "--password-file", wrong.toString()))
        .isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("wrong password").doesNotContain("not-the-password");

    assertThat(
            run("crl", "--dir", caDir.toString(), "--password-file", wrong.toString(), "--verbose"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("\tat ");
  }

  @Test
  void readsThePasswordFromStandardInput() {
    InputStream original = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream((readCaPassword() + "\n").getBytes(StandardCharsets.UTF_8)));
      assertThat(run("crl", "--dir", caDir.toString(), "--password-stdin")).isZero();
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void reportsUsageErrorsWithExitCodeOne() {
    assertThat(run()).isEqualTo(1);
    assertThat(run("frobnicate")).isEqualTo(1);
    assertThat(run("issue", "--dir", caDir.toString())).as("missing options").isEqualTo(1);
    assertThat(run("crl", "--dir", caDir.toString())).as("no password source").isEqualTo(1);
    assertThat(run("list", "--dir", caDir.toString())).as("list reads public files only").isZero();
    assertThat(
            run(
                "crl",
                "--dir",
                caDir.toString(),
                "--password-file",
                caPassword.toString(),
                "--password-stdin"))
        .isEqualTo(1);
    assertThat(run("--help")).isZero();
    assertThat(
            run(
                "crl",
                "--dir",
                dir.resolve("missing").toString(),
                "--password-file",
                caPassword.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no network CA");
  }

  private String readCaPassword() {
    try {
      return new String(PasswordFiles.read(caPassword));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private String[] ca(String command) {
    return new String[] {
      command, "--dir", caDir.toString(), "--password-file", caPassword.toString()
    };
  }

  private int run(String[] prefix, String... args) {
    String[] all = new String[prefix.length + args.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(args, 0, all, prefix.length, args.length);
    return run(all);
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine commandLine = new CommandLine(new CcpCaCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
