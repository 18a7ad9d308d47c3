package org.ccpfhir.identity.operations;

import org.ccpfhir.identity.central.CentralPatientList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The central patient list's own meters (README "Operations"). The generator keeps no queue: its
 * metrics are the shared ones of the security library (certificate days left) and Spring's.
 */
@Configuration
@ConditionalOnProperty(name = "ccp.central-list.enabled", havingValue = "true")
public class OperationsConfig {

  @Bean
  public LinkageQueueMetrics linkageQueueMetrics(CentralPatientList list) {
    return new LinkageQueueMetrics(list);
  }
}
