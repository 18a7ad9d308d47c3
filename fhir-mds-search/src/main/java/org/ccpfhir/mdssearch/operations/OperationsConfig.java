package org.ccpfhir.mdssearch.operations;

import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The central search's own meters (README "Operations"); the count latency timer is wired into the
 * count engine by {@code CountConfig}; certificate gauge and scrape rule come from the security
 * library.
 */
@Configuration
public class OperationsConfig {

  @Bean
  public BrokerQueueMetrics brokerQueueMetrics(BrokerRepository broker) {
    return new BrokerQueueMetrics(broker);
  }
}
