package org.ccpfhir.bridgehead.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.security.metrics.QueueGauges;

/**
 * The bridgehead's queues as gauge {@value QueueGauges#QUEUE_LENGTH}, read from the database at
 * each scrape (so every node behind a load balancer reports the same): {@code search-agent-outbox}
 * — approvers' decisions the broker has not confirmed yet; {@code search-agent-unevaluated} —
 * search requests received but not yet evaluated; {@code upload-pending} — patients the last upload
 * run could not upload (retried by the next run).
 */
public class QueueMetrics implements MeterBinder {

  private final SearchAgentRepository searchRequests;
  private final UploadStateRepository uploads;

  public QueueMetrics(SearchAgentRepository searchRequests, UploadStateRepository uploads) {
    this.searchRequests = searchRequests;
    this.uploads = uploads;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    QueueGauges gauges = new QueueGauges(registry);
    gauges.register("search-agent-outbox", searchRequests::countPendingDecisions);
    gauges.register("search-agent-unevaluated", searchRequests::countUnevaluated);
    gauges.register("upload-pending", uploadPending());
  }

  private Supplier<Number> uploadPending() {
    return () -> uploads.lastRuns(1).stream().findFirst().map(r -> r.failed()).orElse(0);
  }
}
