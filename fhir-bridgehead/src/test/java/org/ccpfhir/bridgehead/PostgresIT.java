package org.ccpfhir.bridgehead;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the bridgehead integration tests: one Spring context on a real PostgreSQL, shared by
 * every subclass (same configuration, so the test context cache reuses it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "itpg"})
public abstract class PostgresIT {

  @LocalServerPort protected int port;

  @Autowired protected FhirContext fhirContext;

  protected IGenericClient client;

  @BeforeEach
  void setUpClients() {
    fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
    client = fhirContext.newRestfulGenericClient(baseUrl());
  }

  protected String baseUrl() {
    return "http://localhost:" + port + "/fhir";
  }

  protected RequestSpecification fhir() {
    return RestAssured.given().baseUri(baseUrl()).contentType("application/fhir+json");
  }
}
