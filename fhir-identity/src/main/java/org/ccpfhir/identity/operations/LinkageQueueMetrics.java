package org.ccpfhir.identity.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.security.metrics.QueueGauges;

/**
 * The central patient list's queue as gauge {@value QueueGauges#QUEUE_LENGTH} {@code
 * queue="linkage-review-open"}: possible matches waiting for the linkage admin, read from the
 * database at each scrape.
 */
public class LinkageQueueMetrics implements MeterBinder {

  private final CentralPatientList list;

  public LinkageQueueMetrics(CentralPatientList list) {
    this.list = list;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    new QueueGauges(registry).register("linkage-review-open", list::openReviewCount);
  }
}
