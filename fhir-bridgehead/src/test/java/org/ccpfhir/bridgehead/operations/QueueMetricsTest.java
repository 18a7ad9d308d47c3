package org.ccpfhir.bridgehead.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.bridgehead.upload.UploadCounts;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.security.metrics.QueueGauges;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class QueueMetricsTest {

  private final JdbcDataSource h2 = new JdbcDataSource();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SearchAgentRepository requests;
  private final UploadStateRepository uploads;

  QueueMetricsTest() {
    h2.setURL("jdbc:h2:mem:queues-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SearchAgentRepository.SCHEMA.migrate(h2);
    UploadStateRepository.SCHEMA.migrate(h2);
    requests = new SearchAgentRepository(h2);
    uploads = new UploadStateRepository(h2, Clock.systemUTC());
    new QueueMetrics(requests, uploads).bindTo(registry);
  }

  @Test
  void searchRequestsWaitForEvaluationAndDecisionsForTheBroker() {
    LocalSearchRequest request = request("task-1");
    requests.insert(request, 1L);
    assertThat(queue(registry, "search-agent-unevaluated")).isEqualTo(1.0);
    requests.saveMatches("task-1", List.of("1"), null, 2L);
    assertThat(queue(registry, "search-agent-unevaluated")).isZero();
    assertThat(queue(registry, "search-agent-outbox")).isZero();

    requests.decide(request.decided("approve", "approver", null, "<10", null), 3L);
    assertThat(queue(registry, "search-agent-outbox")).isEqualTo(1.0);
    requests.updateStatus("task-1", "completed", true, 4L);
    assertThat(queue(registry, "search-agent-outbox")).isZero();
  }

  @Test
  void uploadPendingIsWhatTheLastRunCouldNotUpload() {

    assertThat(queue(registry, "upload-pending")).isZero();
    long failed = uploads.startRun("scheduled");
    uploads.finishRun(failed, new UploadCounts(9, 2, 0, 0, 7), "failed", "MDS database down");
    assertThat(queue(registry, "upload-pending")).isEqualTo(7.0);
    long retried = uploads.startRun("on-demand");
    uploads.finishRun(retried, new UploadCounts(7, 7, 0, 0, 0), "completed", null);
    assertThat(queue(registry, "upload-pending")).isZero();
  }

  private static LocalSearchRequest request(String task) {
    return new LocalSearchRequest(
        task,
        "r",
        "researcher",
        "Patient?gender=female",
        null,
        Long.MAX_VALUE,
        "",
        "received",
        List.of(),
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        1L);
  }

  private static double queue(SimpleMeterRegistry registry, String queue) {
    return registry.get(QueueGauges.QUEUE_LENGTH).tag("queue", queue).gauge().value();
  }
}
