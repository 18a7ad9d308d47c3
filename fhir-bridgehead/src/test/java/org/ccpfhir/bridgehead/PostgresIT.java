package org.ccpfhir.bridgehead;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.specification.RequestSpecification;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.testsupport.SecureClients;
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

  /**
   * Upload settings of the tests. The central components (identity network, broker, MDS database)
   * are not started here: the cross-app tests are in the network-tests module.
   */
  @DynamicPropertySource
  static void uploadSettings(DynamicPropertyRegistry registry) {
    // small batches, so a run of a handful of patients needs several requests
    registry.add("ccp.upload.batch-size", () -> "3");
    registry.add("ccp.upload.cron", () -> "-");
    registry.add("ccp.upload.local-id-key-file", () -> "target/it-pki/upload-local-id.key");
  }

  @BeforeEach
  void setUpClients() {
    clients = new SecureClients(port, tls.caCertificate());
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

  /** Patients and samples for a test's set-up, ingested through the API. */
  protected TestPatients patients() {
    return new TestPatients(clients, baseUrl(), fhirContext);
  }

  /**
   * The user accepts the current terms of use (users outside the demo's site-wide ones must, before
   * any API call answers them).
   */
  protected void acceptTermsOfUse(String user) {
    String version =
        clients
            .as(user)
            .get("/ccp/terms")
            .then()
            .statusCode(200)
            .extract()
            .path("parameter.find { it.name == 'version' }.valueString");
    clients
        .as(user)
        .contentType("application/fhir+json")
        .body(
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"version\",\"valueString\":\""
                + version
                + "\"}]}")
        .post("/ccp/terms")
        .then()
        .statusCode(200);
  }

  /** Waits until the app reports UP: the store loads the terminology in the background. */
  protected void awaitHealthUp() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(2))
        .until(
            () ->
                "UP"
                    .equals(
                        clients
                            .anonymous()
                            .get("/actuator/health")
                            .then()
                            .extract()
                            .path("status")));
  }
}
