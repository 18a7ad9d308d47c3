package org.ccpfhir.bridgehead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default (H2 on disk) starts, ingests and answers without any external database. This
 * context also runs the reference (HL7) validator, so both validator kinds see real ingest.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "ccp.ingest.validator=FULL")
@ActiveProfiles("demo")
class EmbeddedH2IT {

  @LocalServerPort int port;

  @Autowired FhirContext fhirContext;

  @Autowired ComponentTls tls;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("bridgehead-h2-it");
    registry.add("ccp.data-dir", dir::toString);
    registry.add("ccp.tls.provision.ca-dir", () -> dir.resolve("network-ca").toString());
  }

  @Test
  void ingestsAGeneratedPatientIntoH2() {
    Bundle bundle = new SyntheticPatientGenerator(7, "TUE", EntryMode.POST, false).patient(0);
    SecureClients clients = new SecureClients(port, tls.caCertificate());
    String base = clients.fhirBase();

    clients
        .as("datamanager")
        .baseUri(base)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);

    int total =
        clients
            .as("datamanager")
            .baseUri(base)
            .get("/Patient?_summary=count")
            .then()
            .statusCode(200)
            .body("type", equalTo("searchset"))
            .extract()
            .path("total");
    assertThat(total).isEqualTo(1);
  }
}
