package org.ccpfhir.security.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.security.cms.EnvelopesTest.assertRefused;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.cms.EnvelopeException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyKeyTest {

  private static final byte[] EXPORT = "study export rows".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static CertificateVerifier verifier;
  static Credential study;
  static Credential broker;
  static Credential bridgehead;

  @BeforeAll
  static void createNetwork() {
    NetworkCa ca =
        NetworkCa.create(dir.resolve("ca"), "pw".toCharArray(), "Study CA", Duration.ofDays(30));
    verifier = new CertificateVerifier(ca.certificate(), ca::crl, Clock.systemUTC());
    study = ca.issue(ComponentName.of("study-0042", null), List.of(), Duration.ofDays(10));
    broker = ca.issue(ComponentName.of("broker", null), List.of(), Duration.ofDays(10));
    bridgehead = ca.issue(ComponentName.of("bridgehead", "HD"), List.of(), Duration.ofDays(10));
  }

  @Test
  void wrapsForTheStudyAndSealsUnderTheKey() {
    StudyKey key = StudyKey.generate();
    byte[] wrapped = key.wrapFor(study.certificate());
    StudyKey unwrapped = StudyKey.unwrap(wrapped, study);

    byte[] sealed = Envelopes.sealForStudy(EXPORT, broker, key, "study-0042/v1");
    Opened opened = Envelopes.openForStudy(sealed, unwrapped, verifier);

    assertThat(opened.payload()).isEqualTo(EXPORT);
    assertThat(opened.sender()).isEqualTo(ComponentName.of("broker", null));
    assertThat(Envelopes.studyKeyId(sealed)).isEqualTo("study-0042/v1");
    assertThat(key.wrapFor(study.certificate())).isNotEqualTo(wrapped);
    assertThat(Envelopes.sealForStudy(EXPORT, broker, key, "study-0042/v1")).isNotEqualTo(sealed);
    assertThat(key.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }

  @Test
  void refusesTheWrongKeyOrKindOfEnvelope() {
    StudyKey key = StudyKey.generate();
    byte[] sealed = Envelopes.sealForStudy(EXPORT, broker, key, "k1");
    assertRefused(
        () -> Envelopes.openForStudy(sealed, StudyKey.generate(), verifier), Reason.TAMPERED);
    assertRefused(() -> Envelopes.open(sealed, broker, verifier), Reason.WRONG_RECIPIENT);
    byte[] forBroker = Envelopes.seal(EXPORT, bridgehead, broker.certificate());
    assertRefused(() -> Envelopes.openForStudy(forBroker, key, verifier), Reason.WRONG_RECIPIENT);
  }

  @Test
  void refusesToUnwrapForAnotherHolderOrAfterTampering() {
    StudyKey key = StudyKey.generate();
    byte[] wrapped = key.wrapFor(study.certificate());
    assertRefused(() -> StudyKey.unwrap(wrapped, broker), Reason.WRONG_RECIPIENT);
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < wrapped.length; i++) {
      byte[] tampered = wrapped.clone();
      tampered[i] ^= 0x01;
      try {
        StudyKey.unwrap(tampered, study);
        accepted.add(i);
      } catch (EnvelopeException expected) {
        // refused, as it should be
      }
    }
    assertThat(accepted).as("tampered wrapped keys that unwrapped").isEmpty();
  }

  @Test
  void refusesStudyEnvelopesWithAFlippedByte() {
    StudyKey key = StudyKey.generate();
    byte[] sealed = Envelopes.sealForStudy(EXPORT, bridgehead, key, "k2");
    int keyIdAt = indexOf(sealed, new byte[] {0x04, 0x02, 'k', '2'}) + 2;
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      try {
        Opened opened = Envelopes.openForStudy(tampered, key, verifier);
        // the key id is a label for picking the key, like any CMS recipient identifier; changing
        // it cannot change what opens, which stays authenticated by GCM and the signature
        boolean keyIdByte = i == keyIdAt || i == keyIdAt + 1;
        if (!keyIdByte || !java.util.Arrays.equals(opened.payload(), EXPORT)) {
          accepted.add(i);
        }
      } catch (EnvelopeException expected) {
        // refused, as it should be
      }
    }
    assertThat(accepted).as("tampered study envelopes that opened").isEmpty();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
