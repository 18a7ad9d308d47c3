package org.ccpfhir.bridgehead.searchagent;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.approval.ApprovalProperties;
import org.ccpfhir.bridgehead.approval.ApprovalService;
import org.ccpfhir.bridgehead.approval.ResultSealer;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.disclosure.RecordKeys;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.testsupport.SecureClients;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A second site (TUE) for the end-to-end tests without a second HAPI JPA context (tens of seconds
 * each): the same agent and approval classes as the bridgehead's, wired by hand with TUE's own
 * certificate (so the broker sees another site), its own tables in an H2 database that outlives a
 * restart of the agent, and — to keep the test small — the criteria evaluated on the HD test store.
 */
final class SecondSite {

  final SearchAgentRepository repository;
  final ApprovalService approval;
  private final BrokerClient broker;
  private final DecisionSender decisions;
  private final CriteriaEvaluator evaluator;
  private final SearchAgentProperties properties;
  private SearchAgent agent;

  SecondSite(
      Credential credential, X509Certificate ca, String brokerUrl, CriteriaEvaluator evaluator) {
    DataSource database =
        new DriverManagerDataSource(
            "jdbc:h2:mem:site-tue-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY",
            "sa",
            "");
    SearchAgentRepository.SCHEMA.migrate(database);
    repository = new SearchAgentRepository(database);
    properties =
        new SearchAgentProperties(
            true,
            URI.create(brokerUrl),
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            Duration.ofMillis(200),
            Duration.ofSeconds(2));
    FhirContext fhir = FhirContext.forR4Cached();
    broker =
        new BrokerClient(http(credential, ca), properties.brokerUrl(), properties.timeout(), fhir);
    decisions =
        new DecisionSender(
            repository, broker, new ResultSealer(credential, fhir), Clock.systemUTC());
    this.evaluator = evaluator;
    approval =
        new ApprovalService(
            repository,
            decisions,
            new ApprovalProperties(10, 10, null, Duration.ofMinutes(1), Path.of("unused"), ""),
            new RecordKeys(new byte[32]),
            Clock.systemUTC());
  }

  synchronized void start() {
    agent =
        new SearchAgent(repository, evaluator, broker, decisions, properties, Clock.systemUTC());
    agent.start("search-agent-TUE");
  }

  synchronized void stop() {
    if (agent != null) {
      agent.close();
      agent = null;
    }
  }

  private static HttpClient http(Credential credential, X509Certificate ca) {
    return HttpClient.newBuilder()
        .sslContext(SecureClients.mutualTls(credential.privateKey(), credential.chain(), ca))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }
}
