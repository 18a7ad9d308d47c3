package org.ccpfhir.bridgehead.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridgehead's own meters (README "Operations"); the certificate gauge and the scrape rule come
 * from the security library.
 */
@Configuration
public class OperationsConfig {

  @Bean
  public IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  public QueueMetrics queueMetrics(
      SearchAgentRepository searchRequests, UploadStateRepository uploads) {
    return new QueueMetrics(searchRequests, uploads);
  }
}
