package org.ccpfhir.security.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Queue lengths of every app under one name, {@value #QUEUE_LENGTH} with tag {@code queue}, so one
 * alert rule covers all of them. The supplier is asked at each scrape.
 */
public final class QueueGauges {

  public static final String QUEUE_LENGTH = "ccp.queue.length";

  private final MeterRegistry registry;

  public QueueGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  public void register(String queue, Supplier<Number> length) {
    Gauge.builder(QUEUE_LENGTH, length)
        .description("Items waiting in a queue of this component")
        .tag("queue", queue)
        .register(registry);
  }
}
