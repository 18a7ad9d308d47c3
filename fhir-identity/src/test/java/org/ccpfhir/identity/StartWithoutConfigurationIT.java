package org.ccpfhir.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.security.startup.MissingSettingsException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each role of fhir-identity, started without the demo profile and without configuration, refuses
 * to start and says what is missing: no demo user, no known password, no demo CA.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartWithoutConfigurationIT {

  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"generator", "central-list"})
  void refusesToStartAndNamesTheMissingSettings(String role, CapturedOutput output)
      throws Exception {
    assertThatThrownBy(
            () ->
                IdentityApplication.builder()
                    .profiles(role)
                    .run("--server.port=0", "--ccp.data-dir=" + dataDir))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessageContaining("ccp.auth.issuer-uri")
        .hasMessageContaining("ccp.tls.key-store")
        .hasMessageContaining("ccp.tls.ca-certificate");

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("--spring.profiles.active=demo");
    try (var created = Files.list(dataDir)) {
      assertThat(created).isEmpty();
    }
  }
}
