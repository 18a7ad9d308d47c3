package org.ccpfhir.mdssearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.security.startup.MissingSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Without the demo profile and without configuration the central search app has no user, no
 * password and no certificate: it refuses to start and says what is missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartWithoutConfigurationIT {

  @TempDir Path dataDir;

  @Test
  void refusesToStartAndNamesTheMissingSettings(CapturedOutput output) throws Exception {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(MdsSearchApplication.class)
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
