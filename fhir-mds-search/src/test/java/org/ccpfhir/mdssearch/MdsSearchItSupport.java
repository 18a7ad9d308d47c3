package org.ccpfhir.mdssearch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.util.Map;
import org.apache.http.impl.client.HttpClients;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.testsupport.SecureClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context all ITs of this module share (same annotations and properties, so Spring's
 * test context cache starts it once): demo users, an hourly budget of 5,000 released cells (small
 * enough for the 429 test's own user), the audit flushed quickly.
 */
// Prometheus export on, as in production (tests default to a simple registry only)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ccp.disclosure.hourly-budget=5000",
      "ccp.audit.flush-interval=50ms",
      "ccp.auth.local-issuer.users[0].username=researcher",
      "ccp.auth.local-issuer.users[0].password-hash="
          + "{bcrypt}$2a$10$gMReWYySAgmu9jCFDyYJVeg2hilyfIeO3cIf8ljZg95jsioU4Goom",
      "ccp.auth.local-issuer.users[0].roles=researcher",
      "ccp.auth.local-issuer.users[1].username=admin",
      "ccp.auth.local-issuer.users[1].password-hash="
          + "{bcrypt}$2a$10$vMbLWfQ/0bhJdeO4bK1U5ubgYZ/OY2a8VjaEWD/ZA2ovVKnLL4sRm",
      "ccp.auth.local-issuer.users[1].roles=admin",
      "ccp.auth.local-issuer.users[2].username=budget",
      "ccp.auth.local-issuer.users[2].password-hash="
          + "{bcrypt}$2a$10$NfWUlPHVHVFh0EPqd/KnGu.K/HHcefb5iYrCsyJfPR/tlHU2drNmO",
      "ccp.auth.local-issuer.users[2].roles=researcher",
      // the attack suite's own user (DisclosureAttackIT), password researcher-demo
      "ccp.auth.local-issuer.users[3].username=attacker",
      "ccp.auth.local-issuer.users[3].password-hash="
          + "{bcrypt}$2a$10$gMReWYySAgmu9jCFDyYJVeg2hilyfIeO3cIf8ljZg95jsioU4Goom",
      "ccp.auth.local-issuer.users[3].roles=researcher",
    })
// demo: the demo CA provisioning and local issuer (the users above replace the demo users)
@ActiveProfiles("demo")
public abstract class MdsSearchItSupport {

  /** The users above and their passwords. */
  private static final Map<String, String> PASSWORDS =
      Map.of(
          "researcher",
          "researcher-demo",
          "admin",
          "admin-demo",
          "budget",
          "researcher2-demo",
          "attacker",
          "researcher-demo");

  @LocalServerPort protected int port;

  @Autowired protected ComponentTls tls;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("mds-search-it").toString();
    registry.add("ccp.data-dir", () -> dir);
    // the demo CA of this context only (not a sibling of the temporary directory)
    registry.add("ccp.tls.provision.ca-dir", () -> dir + "/network-ca");
  }

  /** The FHIR base over HTTPS (the server runs mutual TLS; users send tokens). */
  protected String fhirBase() {
    return "https://localhost:" + port + "/fhir";
  }

  /** HTTPS/token clients of this context (users above). */
  protected SecureClients clients() {
    return new SecureClients(port, tls.caCertificate(), PASSWORDS);
  }

  protected RequestSpecification anonymous() {
    return clients().anonymous();
  }

  /** A HAPI client on the FHIR base that trusts the network CA. */
  protected IGenericClient fhirClient(FhirContext fhir) {
    fhir.getRestfulClientFactory()
        .setHttpClient(HttpClients.custom().setSSLContext(tls.clientContext()).build());
    return fhir.newRestfulGenericClient(fhirBase());
  }

  protected RequestSpecification as(String user) {
    return clients().as(user);
  }

  protected String token(String user) {
    return clients().token(user);
  }
}
