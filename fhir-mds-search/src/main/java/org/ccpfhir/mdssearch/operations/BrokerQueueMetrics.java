package org.ccpfhir.mdssearch.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.security.metrics.QueueGauges;

/**
 * The broker's queue as gauge {@value QueueGauges#QUEUE_LENGTH} {@code queue="broker-open-tasks"}:
 * site Tasks not yet settled (requested, received or accepted), read from the database at each
 * scrape.
 */
public class BrokerQueueMetrics implements MeterBinder {

  private final BrokerRepository broker;

  public BrokerQueueMetrics(BrokerRepository broker) {
    this.broker = broker;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    new QueueGauges(registry).register("broker-open-tasks", broker::openSiteTasks);
  }
}
