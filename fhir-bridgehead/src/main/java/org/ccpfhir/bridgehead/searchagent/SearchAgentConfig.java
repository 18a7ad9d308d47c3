package org.ccpfhir.bridgehead.searchagent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.health.VitalTasks;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The decentralized-search agent. Its tables always exist (the approval pages read them); the
 * broker connection and the polling thread only with {@code ccp.search-agent.enabled=true}.
 */
@Configuration
@EnableConfigurationProperties(SearchAgentProperties.class)
public class SearchAgentConfig {

  @Bean
  public static OwnSchema searchAgentSchema() {
    return SearchAgentRepository.SCHEMA;
  }

  @Bean
  public SearchAgentRepository searchAgentRepository(DataSource dataSource) {
    return new SearchAgentRepository(dataSource);
  }

  @Bean
  public CriteriaEvaluator criteriaEvaluator(
      DaoRegistry daoRegistry, MatchUrlService matchUrlService, FhirContext fhirContext) {
    return new CriteriaEvaluator(daoRegistry, matchUrlService, fhirContext);
  }

  /** Agent beans that exist only when the site takes part in decentralized search. */
  @Configuration
  @ConditionalOnProperty(name = "ccp.search-agent.enabled", havingValue = "true")
  static class Enabled {

    @Bean
    public BrokerClient searchBrokerClient(
        SearchAgentProperties properties, ComponentTls tls, FhirContext fhirContext) {
      if (properties.brokerUrl() == null) {
        throw new IllegalStateException("ccp.search-agent.broker-url is required when enabled");
      }
      return new BrokerClient(
          tls.httpClient(properties.timeout()),
          properties.brokerUrl(),
          properties.timeout(),
          fhirContext);
    }

    @Bean
    public DecisionSender searchDecisionSender(
        SearchAgentRepository repository, BrokerClient broker, DecisionSender.Sealer sealer) {
      return new DecisionSender(repository, broker, sealer, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    public SearchAgent searchAgent(
        SearchAgentRepository repository,
        CriteriaEvaluator evaluator,
        BrokerClient broker,
        DecisionSender decisions,
        SearchAgentProperties properties) {
      return new SearchAgent(
          repository, evaluator, broker, decisions, properties, Clock.systemUTC());
    }

    /** Polling starts once the store is ready to be searched. */
    @EventListener(ApplicationReadyEvent.class)
    public void startPolling(ApplicationReadyEvent event) {
      SearchAgent agent = event.getApplicationContext().getBean(SearchAgent.class);
      agent.start("search-agent");
      event.getApplicationContext().getBean(VitalTasks.class).watch("search-agent", agent::polling);
    }
  }
}
