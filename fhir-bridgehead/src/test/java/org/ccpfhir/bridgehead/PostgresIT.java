package org.ccpfhir.bridgehead;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.specification.RequestSpecification;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.upload.MdsDatabase;
import org.ccpfhir.security.tls.ComponentTls;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the bridgehead integration tests: one Spring context on a real PostgreSQL, shared by
 * every subclass (same configuration, so the test context cache reuses it).
 */
// Prometheus export on, as in production (tests default to a simple registry only)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// demo: the demo users and CA provisioning; itpg (last, it wins) the tests' database and PKI
@ActiveProfiles({"demo", "postgres", "itpg"})
public abstract class PostgresIT {

  @LocalServerPort protected int port;

  @Autowired protected FhirContext fhirContext;

  @Autowired protected ComponentTls tls;

  /** HAPI client logged in as the site's data manager (who ingests and reads). */
  protected IGenericClient client;

  protected SecureClients clients;

  /** The network's identity management runs beside the bridgehead (started once per JVM). */
  @DynamicPropertySource
  static void identityNetwork(DynamicPropertyRegistry registry) {
    registry.add(
        "ccp.identity-network.generator-url",
        () -> IdentityNetwork.url(IdentityNetwork.shared().generator));
    registry.add(
        "ccp.identity-network.central-list-url",
        () -> IdentityNetwork.url(IdentityNetwork.shared().centralList));
    // decentralized search: the agent polls the real broker (started once per JVM)
    registry.add("ccp.search-agent.enabled", () -> "true");
    registry.add(
        "ccp.search-agent.broker-url",
        () -> org.ccpfhir.bridgehead.searchagent.BrokerNetwork.shared().url());
    registry.add("ccp.search-agent.max-backoff", () -> "PT2S");
    MdsDatabase.properties(registry);
  }

  @BeforeEach
  void setUpClients() {
    clients = new SecureClients(port, tls);
    fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
    client = clients.fhirClient(fhirContext, "datamanager");
  }

  protected String baseUrl() {
    return clients.fhirBase();
  }

  /** FHIR request as the site's data manager. */
  protected RequestSpecification fhir() {
    return clients.as("datamanager").baseUri(baseUrl()).contentType("application/fhir+json");
  }
}
