package org.ccpfhir.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SitesLauncherTest {

  @Test
  void sitesKeepTheirOrderAndPorts() {
    assertThat(SitesLauncher.sites("HD:8443, TUE:8444,DD:8445"))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("HD", 8443),
            org.assertj.core.api.Assertions.entry("TUE", 8444),
            org.assertj.core.api.Assertions.entry("DD", 8445));
  }

  @Test
  void aMalformedSiteListIsRefusedWithTheEntry() {
    assertThatThrownBy(() -> SitesLauncher.sites("HD:8443,tue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tue'");
    assertThatThrownBy(() -> SitesLauncher.sites("HD:port")).hasMessageContaining("'HD:port'");
  }

  @Test
  void eachSiteGetsItsPortSiteAndDataDirectoryAfterTheCommonArguments() {
    assertThat(
            SitesLauncher.siteArguments(
                List.of("--server.address=127.0.0.1"), "TUE", 8444, Path.of("data/demo")))
        .containsExactly(
            "--server.address=127.0.0.1",
            "--server.port=8444",
            "--ccp.local-patient-list.site=TUE",
            "--ccp.data-dir=" + Path.of("data/demo/bridgehead-tue"));
  }

  @Test
  void theFirstSiteStartsAloneThenTheOthersTogether() {
    assertThat(
            SitesLauncher.waves(
                List.of("HD", "TUE", "DD"), SitesLauncher.Order.of("first-then-parallel")))
        .containsExactly(List.of("HD"), List.of("TUE", "DD"));
    assertThat(SitesLauncher.waves(List.of("HD"), SitesLauncher.Order.FIRST_THEN_PARALLEL))
        .containsExactly(List.of("HD"));
    assertThat(SitesLauncher.waves(List.of("HD", "TUE"), SitesLauncher.Order.of("sequential")))
        .containsExactly(List.of("HD"), List.of("TUE"));
  }

  @Test
  void anUnknownOrderIsRefusedWithItsName() {
    assertThatThrownBy(() -> SitesLauncher.Order.of("parallel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'parallel'");
  }
}
