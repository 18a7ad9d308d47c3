package org.ccpfhir.mdssearch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mdssearch.MdsSearchApplication;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker restart loses nothing: a request stored and received before the restart is there
 * afterwards with its state, and the site's cursor still finds only what changed after it. The
 * restart is a new application context on the same H2 file (the broker's state is all in the
 * database).
 */
class BrokerRestartIT {

  @Test
  void requestsAndStatesSurviveARestart() throws Exception {
    Path data = Files.createTempDirectory("broker-restart");
    Researcher researcher = new Researcher();
    String id;
    String cursor;
    try (ConfigurableApplicationContext broker = start(data)) {
      RestartClient client = new RestartClient(port(broker));
      id =
          client.created(
              researcher.request(
                  BrokerIT.CRITERIA, null, Instant.now().plus(1, ChronoUnit.DAYS), "HD"));
      SiteConnection hd = client.site("HD");
      Task task = hd.read(id + "-HD").setStatus(Task.TaskStatus.RECEIVED);
      assertThat(hd.put(task).statusCode()).isEqualTo(200);
      cursor = hd.read(id + "-HD").getMeta().getLastUpdatedElement().getValueAsString();
    }
    try (ConfigurableApplicationContext broker = start(data)) {
      RestartClient client = new RestartClient(port(broker));
      SiteConnection hd = client.site("HD");
      assertThat(hd.read(id + "-HD").getStatus()).isEqualTo(Task.TaskStatus.RECEIVED);
      assertThat(hd.poll(cursor, 0).getEntry()).isEmpty();
      Bundle all = hd.poll(null, 0);
      assertThat(all.getEntry())
          .extracting(e -> e.getResource().getIdElement().getIdPart())
          .contains(id + "-HD");
      Bundle seen = client.siteTasksOf("researcher", id);
      assertThat(seen.getEntry()).hasSize(1);
      assertThat(((Task) seen.getEntryFirstRep().getResource()).getStatus())
          .isEqualTo(Task.TaskStatus.RECEIVED);
    }
  }

  static ConfigurableApplicationContext start(Path data) {
    List<String> args =
        new ArrayList<>(
            List.of("--server.port=0", "--ccp.data-dir=" + data, "--ccp.broker.sites=HD,TUE"));
    for (String property : BrokerPki.tlsProperties()) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(MdsSearchApplication.class)
        .profiles("demo")
        .run(args.toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The support's HTTP helpers against a broker started here rather than by the test context. */
  static final class RestartClient extends BrokerItSupport {
    RestartClient(int port) {
      this.port = port;
    }
  }
}
