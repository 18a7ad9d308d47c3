package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.provider.TaskResourceProvider;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.health.VitalTasks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The broker of decentralized searches: its tables, services, expiry job and Task provider. */
@Configuration
@EnableConfigurationProperties(BrokerProperties.class)
public class BrokerConfig {

  @Bean
  public static OwnSchema brokerSchema() {
    return BrokerRepository.SCHEMA;
  }

  @Bean
  public BrokerRepository brokerRepository(DataSource dataSource) {
    return new BrokerRepository(dataSource);
  }

  @Bean
  ChangeSignal brokerChangeSignal() {
    return new ChangeSignal();
  }

  @Bean
  public BrokerAccess brokerAccess(
      BrokerRepository repository,
      ChangeSignal signal,
      SearchCatalog catalog,
      BrokerProperties properties,
      FhirContext fhirContext,
      Clock clock) {
    TaskMapper mapper = new TaskMapper(fhirContext);
    return new BrokerAccess(
        new BrokerService(
            repository,
            new RequestValidator(catalog, properties),
            mapper,
            signal,
            properties,
            clock),
        new SiteTaskUpdater(repository, mapper, signal, clock));
  }

  @Bean(destroyMethod = "close")
  public ExpiryJob brokerExpiryJob(
      BrokerRepository repository,
      ChangeSignal signal,
      AuditRecorder audit,
      Clock clock,
      BrokerProperties properties,
      VitalTasks vital) {
    ExpiryJob job = new ExpiryJob(repository, signal, audit, clock);
    vital.watch("broker-expiry", job.start(properties.expiryInterval().toMillis()));
    return job;
  }

  @Bean
  public TaskResourceProvider taskResourceProvider(BrokerAccess broker) {
    return new TaskResourceProvider(broker);
  }
}
