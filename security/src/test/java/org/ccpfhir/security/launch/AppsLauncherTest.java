package org.ccpfhir.security.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppsLauncherTest {

  @Test
  void eachAppGetsItsOwnArgumentsAfterTheSharedLogSettings() {
    List<AppsLauncher.App> apps =
        AppsLauncher.apps(
            new String[] {
              "--app=generator",
              "org.example.A",
              "--server.port=8091",
              "--spring.profiles.active=demo",
              "--app=mds-search",
              "org.example.B",
              "--server.port=8070"
            });

    assertThat(apps).extracting(AppsLauncher.App::name).containsExactly("generator", "mds-search");
    assertThat(apps.get(0).mainClass()).isEqualTo("org.example.A");
    assertThat(apps.get(0).arguments())
        .containsExactly(
            "--logging.pattern.correlation=%ccpSite",
            "--logging.include-application-name=false",
            "--server.port=8091",
            "--spring.profiles.active=demo");
    assertThat(apps.get(1).arguments()).endsWith("--server.port=8070").hasSize(3);
  }

  @Test
  void refusesArgumentsThatBelongToNoAppAndAppsWithoutMainClass() {
    assertThatThrownBy(() -> AppsLauncher.apps(new String[] {"--server.port=1"}))
        .hasMessageContaining("expected --app=NAME, not '--server.port=1'");
    assertThatThrownBy(() -> AppsLauncher.apps(new String[] {"--app=x", "--server.port=1"}))
        .hasMessageContaining("--app=x needs its main class");
    assertThatThrownBy(() -> AppsLauncher.apps(new String[] {"--app=", "A"}))
        .hasMessageContaining("expected --app=NAME");
    assertThatThrownBy(() -> AppsLauncher.apps(new String[0])).hasMessageContaining("no --app");
  }
}
