package org.ccpfhir.security.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiProvisionerTest {

  @TempDir Path dir;

  /**
   * Several apps of one JVM starting at the same time (the demo's bridgeheads, SitesLauncher): the
   * file lock is the JVM's, so the second thread used to fail with OverlappingFileLockException.
   */
  @Test
  void appsOfOneJvmProvisionFromOneCaAtTheSameTime() throws Exception {
    List<String> sites = List.of("HD", "TUE", "DD");
    ExecutorService pool = Executors.newFixedThreadPool(sites.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (String site : sites) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  Path store = dir.resolve(site + ".p12");
                  DemoPkiProvisioner.provisionIfMissing(
                      properties("bridgehead." + site), store, dir.resolve(site + ".password"));
                  return store;
                }));
      }
      go.countDown();
      for (Future<?> result : results) {
        assertThat((Path) result.get(2, TimeUnit.MINUTES)).exists();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dir.resolve("ca/ca.password")).exists();
  }

  private TlsProperties properties(String name) {
    return new TlsProperties(
        true,
        null,
        null,
        "",
        null,
        null,
        30,
        new TlsProperties.Provision(
            true, dir.resolve("ca"), name, List.of("localhost"), Duration.ofDays(1)));
  }
}
