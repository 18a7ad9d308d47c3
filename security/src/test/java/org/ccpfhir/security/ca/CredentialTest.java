package org.ccpfhir.security.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialTest {

  @TempDir Path dir;

  @Test
  void roundTripsThroughPkcs12AndRefusesAWrongPassword() throws Exception {
    NetworkCa ca =
        NetworkCa.create(
            dir.resolve("ca"), "pw".toCharArray(), "Credential CA", Duration.ofDays(2));
    Credential credential =
        ca.issue(ComponentName.of("bridgehead", "HD"), List.of("localhost"), Duration.ofDays(1));
    Path file = dir.resolve("keys/bridgehead.p12");

    credential.writePkcs12(file, "store-secret".toCharArray());

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Credential reread = Credential.readPkcs12(file, "store-secret".toCharArray());
    assertThat(reread.privateKey()).isEqualTo(credential.privateKey());
    assertThat(reread.chain()).isEqualTo(credential.chain());
    assertThat(credential.toKeyStore("x".toCharArray()).containsAlias("bridgehead.HD")).isTrue();
    assertThatThrownBy(() -> Credential.readPkcs12(file, "wrong-secret".toCharArray()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("wrong-secret");
    assertThatThrownBy(() -> Credential.readPkcs12(dir.resolve("none.p12"), "x".toCharArray()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("does not exist");
  }
}
