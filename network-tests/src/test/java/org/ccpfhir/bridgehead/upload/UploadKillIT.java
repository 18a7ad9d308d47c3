package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.upload.SiteUploads.count;
import static org.ccpfhir.bridgehead.upload.SiteUploads.status;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.bridgehead.upload.SiteUploads.Ingested;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real kill during an upload: a bridgehead of site DD runs as its own process ({@code java -jar}
 * of the packaged application, embedded H2 on disk); while the MDS database holds one of its
 * batches in flight (earlier batches acknowledged), the process is killed ({@code destroyForcibly},
 * no shutdown hooks), then started again on the same database and the upload run again: every
 * consented patient is held centrally exactly once, under the right key, and a further run sends
 * nothing.
 */
class UploadKillIT extends NetworkIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
  private static final int PATIENTS = 10;

  /** Holds the n-th {@code $mds-upload} request at the MDS database until released. */
  @Interceptor
  static class HeldUpload {
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final int holdAt;

    HeldUpload(int holdAt) {
      this.holdAt = holdAt;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void incoming(RequestDetails request) throws InterruptedException {
      if (MdsUploadContract.OPERATION.equals(request.getOperation())
          && requests.incrementAndGet() == holdAt) {
        arrived.countDown();
        release.await(2, TimeUnit.MINUTES);
      }
    }
  }

  @Test
  void aKilledBridgeheadLosesAndDuplicatesNothingAfterARestart() throws Exception {
    SiteBridgehead site =
        new SiteBridgehead("DD", Path.of("target/upload-it/dd-" + System.nanoTime()));
    JdbcTemplate mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    Set<String> before = central(mds);
    int firstPort = SiteBridgehead.freePort();
    Process first = site.startProcess(firstPort);
    HeldUpload hold = new HeldUpload(3);
    RestfulServer server = MdsDatabase.shared().getBean(RestfulServer.class);
    Set<String> expected;
    Set<String> heldWhenKilled;
    try {
      SiteUploads api = new SiteUploads(await(site, first, firstPort), fhirContext, "DD");
      List<Ingested> patients = api.ingest(PATIENTS, true);
      patients.forEach(p -> api.consent(p.id(), NetworkConsent.NETWORK));
      SiteClient dd = asSite("DD");
      expected = new HashSet<>();
      for (Ingested patient : patients) {
        expected.add(MdsDatabase.mdsId(dd, api.bkGlobal(patient.id()), tls.verifier()));
      }

      server.registerInterceptor(hold);
      // batches of 2: the 3rd request is held at the MDS database, the first two are acknowledged
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> uploadIgnoringTheKill(api));
      assertThat(hold.arrived.await(3, TimeUnit.MINUTES)).as("3rd batch arrived").isTrue();
      heldWhenKilled = central(mds);
      first.destroyForcibly().waitFor();
      run.join();
    } finally {
      // the batch in flight is stored now, after its sender died: the restart must cope with it
      hold.release.countDown();
      server.unregisterInterceptor(hold);
      first.destroyForcibly().waitFor();
    }
    heldWhenKilled.removeAll(before);
    assertThat(heldWhenKilled).hasSize(4).isSubsetOf(expected);

    int secondPort = SiteBridgehead.freePort();
    Process second = site.startProcess(secondPort);
    try {
      SiteUploads api = new SiteUploads(await(site, second, secondPort), fhirContext, "DD");
      Parameters.ParametersParameterComponent resumed = api.upload(200);

      assertThat(status(resumed)).isEqualTo("completed");
      // the killed run: closed as interrupted when the bridgehead started again
      assertThat(api.runStatuses()).containsExactly("completed", "interrupted");
      // acknowledged batches may be sent again only if their state was lost with the process
      assertThat(count(resumed, "uploaded")).isBetween(PATIENTS - 4, PATIENTS);
      List<String> all =
          mds.queryForList("SELECT mds_id FROM mds_record WHERE site = 'DD'", String.class);
      assertThat(all).doesNotHaveDuplicates();
      Set<String> added = new HashSet<>(all);
      added.removeAll(before);
      assertThat(added).isEqualTo(expected);
      Parameters.ParametersParameterComponent again = api.upload(200);
      assertThat(count(again, "uploaded") + count(again, "deleted")).isZero();
      assertThat(central(mds)).isEqualTo(union(before, expected));
    } finally {
      second.destroy();
      second.waitFor(1, TimeUnit.MINUTES);
      second.destroyForcibly();
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }

  private static Set<String> central(JdbcTemplate mds) {
    return new HashSet<>(
        mds.queryForList("SELECT mds_id FROM mds_record WHERE site = 'DD'", String.class));
  }

  /** The upload request of the killed process: its connection breaks, which is the point. */
  private static void uploadIgnoringTheKill(SiteUploads api) {
    try {
      api.upload(200);
    } catch (Exception | AssertionError broken) {
      // expected: the bridgehead died while answering (REST Assured rethrows the broken
      // connection unchecked)
    }
  }

  /** Waits until the process answers its health endpoint; clients for it. */
  private SecureClients await(SiteBridgehead site, Process process, int port) throws Exception {
    SecureClients clients = new SecureClients(port, tls.caCertificate());
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive())
          .as(() -> "bridgehead DD stopped:\n" + tail(site.log()))
          .isTrue();
      try {
        if (clients.anonymous().get("/actuator/health").statusCode() == 200) {
          return clients;
        }
      } catch (Exception notYetListening) {
        // connection refused while it starts (REST Assured rethrows it unchecked)
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "bridgehead DD did not start in " + START_TIMEOUT + ":\n" + tail(site.log()));
  }

  /** A second credential of the site, from the network CA, to ask the central list as the site. */
  private SiteClient asSite(String code) throws IOException {
    Path dir = IdentityNetwork.PKI.resolve("network-ca");
    NetworkCa ca = NetworkCa.open(dir, PasswordFiles.readOrGenerate(dir.resolve("ca.password")));
    return new SiteClient(
        ca.issue(ComponentName.of("bridgehead", code), List.of("localhost"), Duration.ofDays(1)),
        tls.caCertificate(),
        fhirContext);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
