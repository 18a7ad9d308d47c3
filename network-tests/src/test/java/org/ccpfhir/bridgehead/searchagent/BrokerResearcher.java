package org.ccpfhir.bridgehead.searchagent;

import static io.restassured.RestAssured.given;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.profiles.task.SearchRequests;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.testsupport.SelfSignedKey;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;

/**
 * A researcher at the broker: logs in at the broker's token issuer, creates search requests naming
 * a self-made certificate, follows the sites' Tasks. Holds the key the released results open with.
 */
final class BrokerResearcher {

  static final FhirContext FHIR = FhirContext.forR4Cached();

  final Credential credential;
  private final String root;
  private final KeyStore trust;
  private String token;

  BrokerResearcher(String brokerFhirUrl, X509Certificate networkCa) {
    this.root = brokerFhirUrl.substring(0, brokerFhirUrl.length() - "/fhir".length());
    try {
      trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", networkCa);
      SelfSignedKey key = SelfSignedKey.create("researcher");
      credential = new Credential(key.privateKey(), List.of(key.certificate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tokens of the broker's embedded issuer end with the broker process: log in again. */
  void logInAgain() {
    token = null;
  }

  private RequestSpecification request() {
    if (token == null) {
      token =
          given()
              .baseUri(root)
              .trustStore(trust)
              .contentType("application/x-www-form-urlencoded")
              .formParam("grant_type", "password")
              .formParam("username", "researcher")
              .formParam("password", "researcher-demo")
              .post("/oauth2/token")
              .then()
              .statusCode(200)
              .extract()
              .path("access_token");
    }
    return given()
        .baseUri(root)
        .trustStore(trust)
        .auth()
        .oauth2(token)
        .accept("application/fhir+json");
  }

  /** Creates a request to HD and TUE and returns its id. */
  String create(String criteria, String prose, Instant validUntil) {
    Task task =
        SearchRequests.request(
            criteria, prose, validUntil, List.of("HD", "TUE"), credential.certificate());
    Response response =
        request()
            .contentType("application/fhir+json")
            .body(FHIR.newJsonParser().encodeResourceToString(task))
            .post("/fhir/Task");
    if (response.statusCode() != 201) {
      throw new AssertionError(response.statusCode() + " " + response.asString());
    }
    return FHIR.newJsonParser().parseResource(Task.class, response.asString()).getIdPart();
  }

  Task request(String id) {
    return FHIR.newJsonParser()
        .parseResource(
            Task.class,
            request().get("/fhir/Task/" + id).then().statusCode(200).extract().asString());
  }

  /** The site Tasks of a request, by site code. */
  java.util.Map<String, Task> siteTasks(String id) {
    Bundle bundle =
        FHIR.newJsonParser()
            .parseResource(
                Bundle.class,
                request()
                    .get("/fhir/Task?part-of=Task/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    java.util.Map<String, Task> bySite = new java.util.TreeMap<>();
    bundle
        .getEntry()
        .forEach(
            e -> {
              Task t = (Task) e.getResource();
              bySite.put(t.getOwner().getIdentifier().getValue(), t);
            });
    return bySite;
  }
}
