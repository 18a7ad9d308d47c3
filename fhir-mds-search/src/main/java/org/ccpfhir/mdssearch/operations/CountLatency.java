package org.ccpfhir.mdssearch.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Count latency: timer {@value #NAME} around every evaluation of the bitmap count engine (count
 * queries, {@code $evaluate-measure}, strata), with a histogram so Prometheus can compute
 * percentiles across nodes. Budget checks, disclosure control and audit are not part of it.
 */
public final class CountLatency {

  public static final String NAME = "ccp.count.latency";

  private CountLatency() {}

  public static Timer timer(MeterRegistry registry) {
    return Timer.builder(NAME)
        .description("Time of one evaluation of the count engine")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }
}
