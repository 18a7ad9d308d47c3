package org.ccpfhir.mdssearch.broker;

import static io.restassured.RestAssured.given;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker tests' one Spring context: the central search app over HTTPS with a broker certificate
 * of the tests' CA (so sites authenticate by certificate), two researchers, sites HD and TUE, the
 * expiry job every second.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ccp.broker.sites=HD,TUE",
      "ccp.broker.expiry-interval=PT1S",
      "ccp.audit.flush-interval=50ms",
      "ccp.auth.local-issuer.users[0].username=researcher",
      "ccp.auth.local-issuer.users[0].password-hash="
          + "{bcrypt}$2a$10$gMReWYySAgmu9jCFDyYJVeg2hilyfIeO3cIf8ljZg95jsioU4Goom",
      "ccp.auth.local-issuer.users[0].roles=researcher",
      "ccp.auth.local-issuer.users[1].username=other",
      "ccp.auth.local-issuer.users[1].password-hash="
          + "{bcrypt}$2a$10$NfWUlPHVHVFh0EPqd/KnGu.K/HHcefb5iYrCsyJfPR/tlHU2drNmO",
      "ccp.auth.local-issuer.users[1].roles=researcher",
    })
// demo: the demo CA provisioning and local issuer (the users above replace the demo users)
@ActiveProfiles("demo")
abstract class BrokerItSupport {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Map<String, String> PASSWORDS =
      Map.of("researcher", "researcher-demo", "other", "researcher2-demo");
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("broker-it").toString();
    registry.add("ccp.data-dir", () -> dir);
    for (String property : BrokerPki.tlsProperties()) {
      int eq = property.indexOf('=');
      registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
    }
  }

  String base() {
    return "https://localhost:" + port + "/fhir";
  }

  SiteConnection site(String code) {
    BrokerPki pki = BrokerPki.shared();
    return new SiteConnection(
        code.equals("HD") ? pki.siteHd : pki.siteTue, pki.ca.certificate(), base());
  }

  RequestSpecification anonymous() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", BrokerPki.shared().ca.certificate());
      return given().baseUri("https://localhost:" + port).trustStore(trust);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  RequestSpecification as(String user) {
    String token =
        TOKENS.computeIfAbsent(
            port + ":" + user,
            key ->
                anonymous()
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "password")
                    .formParam("username", user)
                    .formParam("password", PASSWORDS.get(user))
                    .post("/oauth2/token")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token"));
    return anonymous().auth().oauth2(token).accept("application/fhir+json");
  }

  Response create(String user, Task request) {
    return as(user)
        .contentType("application/fhir+json")
        .body(FHIR.newJsonParser().encodeResourceToString(request))
        .post("/fhir/Task");
  }

  /** Creates a request and returns its id. */
  String created(Task request) {
    Response response = create("researcher", request);
    if (response.statusCode() != 201) {
      throw new AssertionError(response.statusCode() + " " + response.asString());
    }
    return FHIR.newJsonParser().parseResource(Task.class, response.asString()).getIdPart();
  }

  Bundle siteTasksOf(String user, String requestId) {
    String body =
        as(user)
            .get("/fhir/Task?part-of=Task/" + requestId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return FHIR.newJsonParser().parseResource(Bundle.class, body);
  }

  static Task parse(String json) {
    return FHIR.newJsonParser().parseResource(Task.class, json);
  }
}
