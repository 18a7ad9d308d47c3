package org.ccpfhir.identity.reencrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ReEncryptionTest {

  @TempDir static Path dir;
  static NetworkCa ca;
  static Credential centralList;
  static Credential mdsDatabase;
  static Credential bridgehead;
  static ReEncryption reEncryption;

  @BeforeAll
  static void network() {
    ca = NetworkCa.create(dir.resolve("ca"), "pw".toCharArray(), "CA", Duration.ofDays(10));
    centralList = ca.issue(ComponentName.of("patient-list", null), List.of(), Duration.ofDays(5));
    mdsDatabase = ca.issue(ComponentName.of("mds-search", null), List.of(), Duration.ofDays(5));
    bridgehead = ca.issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(5));
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    PseudonymRegistry.SCHEMA.migrate(dataSource);
    ReEncryption.SCHEMA.migrate(dataSource);
    reEncryption =
        new ReEncryption(
            dataSource,
            new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC()),
            centralList,
            Clock.systemUTC());
  }

  private static Opened openAtTarget(byte[] sealed) {
    return Envelopes.open(
        sealed, mdsDatabase, new CertificateVerifier(ca.certificate(), ca::crl, Clock.systemUTC()));
  }

  @Test
  void theSameIdEncryptsDifferentlyAndDecryptsToTheSameTargetPseudonym() {
    byte[] first = reEncryption.reencrypt("BKG0000001", "MDS-*-G", mdsDatabase.certificate());
    byte[] second = reEncryption.reencrypt("BKG0000001", "MDS-*-G", mdsDatabase.certificate());
    byte[] other = reEncryption.reencrypt("BKG0000002", "MDS-*-G", mdsDatabase.certificate());

    assertThat(first).isNotEqualTo(second);
    Opened opened = openAtTarget(first);
    String mdsId = new String(opened.payload(), StandardCharsets.US_ASCII);
    assertThat(new String(openAtTarget(second).payload(), StandardCharsets.US_ASCII))
        .isEqualTo(mdsId);
    assertThat(new String(openAtTarget(other).payload(), StandardCharsets.US_ASCII))
        .isNotEqualTo(mdsId);
    assertThat(mdsId).isNotEqualTo("BKG0000001");
    assertThat(opened.sender().cn()).isEqualTo("patient-list");
  }

  @Test
  void onlyTheTargetCanOpenIt() {
    byte[] sealed = reEncryption.reencrypt("BKG0000003", "MDS-*-G", mdsDatabase.certificate());

    assertThatThrownBy(
            () ->
                Envelopes.open(
                    sealed,
                    bridgehead,
                    new CertificateVerifier(ca.certificate(), ca::crl, Clock.systemUTC())))
        .isInstanceOf(EnvelopeException.class);
  }
}
