package org.ccpfhir.bridgehead;

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
 * The jar's defaults are production defaults: no demo user, no known password, no CA provisioning.
 * Started as a site would start it without configuring anything, the bridgehead refuses and says
 * which settings are missing, before it opens a database or writes a file.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartWithoutConfigurationIT {

  @TempDir Path dataDir;

  @Test
  void refusesToStartAndNamesTheMissingSettings(CapturedOutput output) throws Exception {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(BridgeheadApplication.class)
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

  @Test
  void theDemoProfileBringsUsersAndCaProvisioningButOnlyWhenAsked() {
    // the demo users alone, without the demo CA: still no certificate, still refused
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(BridgeheadApplication.class)
                    .run(
                        "--server.port=0",
                        "--ccp.data-dir=" + dataDir,
                        "--spring.profiles.active=demo",
                        "--ccp.tls.provision.enabled=false"))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessageNotContaining("ccp.auth.")
        .hasMessageContaining("ccp.tls.key-store: there is no file");
  }
}
