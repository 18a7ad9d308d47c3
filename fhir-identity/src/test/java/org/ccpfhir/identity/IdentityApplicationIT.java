package org.ccpfhir.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

// Prometheus export on, as in production (tests default to a simple registry only)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=" + IdentityApplication.CONFIG_NAME)
// the demo profile's local issuer and Prometheus client (prometheus-demo)
@ActiveProfiles("demo")
class IdentityApplicationIT {

  @LocalServerPort int port;

  @Test
  void healthEndpointReportsUp() {
    given().port(port).get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void everythingElseNeedsCredentials() {
    given()
        .port(port)
        .get("/actuator/info")
        .then()
        .statusCode(401)
        .body(containsString("OperationOutcome"));
  }

  @Test
  void prometheusNeedsTheMetricsRole() {
    given().port(port).get("/actuator/prometheus").then().statusCode(401);
    String token =
        given()
            .port(port)
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", "prometheus")
            .formParam("client_secret", "prometheus-demo")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    given()
        .port(port)
        .auth()
        .oauth2(token)
        .get("/actuator/prometheus")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
    given().port(port).auth().oauth2(token).get("/actuator/info").then().statusCode(403);
  }

  @Test
  void theLinkageReviewPageIsServedWithoutLoginOnThePageKit() {
    String page =
        given().port(port).get("/linkage-review.html").then().statusCode(200).extract().asString();

    org.assertj.core.api.Assertions.assertThat(page)
        .contains("<label", "ccp/ccp.js", "$linkage-review-list", "$linkage-review-decide")
        .contains("'unlink'");
    given().port(port).get("/ccp/ccp.js").then().statusCode(200);
  }

  /**
   * Issue 18 "definitions served": any signed-in caller (here the metrics client) reads the curated
   * definitions by id and url; the statement names only curated OperationDefinitions, which
   * resolve.
   */
  @Test
  void servesTheCuratedDefinitionsTheStatementPointsAt() {
    given().port(port).get("/fhir/OperationDefinition/redeem-ticket").then().statusCode(401);
    String token =
        given()
            .port(port)
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", "prometheus")
            .formParam("client_secret", "prometheus-demo")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    given()
        .port(port)
        .auth()
        .oauth2(token)
        .get("/fhir/StructureDefinition/mds-patient")
        .then()
        .statusCode(200);
    given()
        .port(port)
        .auth()
        .oauth2(token)
        .get("/fhir/StructureDefinition/unknown")
        .then()
        .statusCode(404);
    given()
        .port(port)
        .auth()
        .oauth2(token)
        .queryParam("url", "https://ccp-fhir.org/fhir/CodeSystem/consent-policy")
        .get("/fhir/CodeSystem")
        .then()
        .statusCode(200)
        .body("entry[0].resource.id", equalTo("consent-policy"));

    java.util.List<String> definitions =
        given()
            .port(port)
            .get("/fhir/metadata")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rest[0].operation.definition");
    if (definitions == null) { // no operation at all (JSON without the element)
      definitions = java.util.List.of();
    }
    // this context runs no identity role (demo only): the roles' operations are linked by the same
    // shared interceptor, and OperationDefinitionCoverageTest checks they all have definitions
    org.assertj.core.api.Assertions.assertThat(definitions)
        .allMatch(url -> url.startsWith("https://ccp-fhir.org/fhir/OperationDefinition/"));
    for (String url : definitions) {
      given()
          .port(port)
          .auth()
          .oauth2(token)
          .get("/fhir/OperationDefinition/" + url.substring(url.lastIndexOf('/') + 1))
          .then()
          .statusCode(200)
          .body("url", equalTo(url));
    }
  }

  /**
   * Every shipped CodeSystem and ValueSet is found by url, and a definitions search without
   * parameters pages through all shipped resources (Bundle.total, next links).
   */
  @Test
  void everyShippedDefinitionIsFoundByUrlAndSearchesPage() {
    String token = metricsToken();
    for (String type : java.util.List.of("CodeSystem", "ValueSet")) {
      for (org.hl7.fhir.r4.model.MetadataResource shipped :
          org.ccpfhir.profiles.CuratedDefinitions.shared().resources(type)) {
        given()
            .port(port)
            .auth()
            .oauth2(token)
            .queryParam("url", shipped.getUrl())
            .get("/fhir/" + type)
            .then()
            .statusCode(200)
            .body("entry.size()", equalTo(1))
            .body("entry[0].resource.id", equalTo(shipped.getIdPart()));
      }
    }
    for (String type : org.ccpfhir.profiles.CuratedDefinitions.TYPES) {
      java.util.List<String> shipped =
          org.ccpfhir.profiles.CuratedDefinitions.shared().resources(type).stream()
              .map(org.hl7.fhir.r4.model.MetadataResource::getIdPart)
              .toList();
      org.ccpfhir.testsupport.SearchPages.Result result =
          org.ccpfhir.testsupport.SearchPages.all(
              () -> given().port(port).auth().oauth2(token), "/fhir/" + type + "?_count=9");
      org.assertj.core.api.Assertions.assertThat(result.total()).as(type).isEqualTo(shipped.size());
      org.assertj.core.api.Assertions.assertThat(result.ids())
          .as(type)
          .containsExactlyInAnyOrderElementsOf(shipped);
    }
  }

  private String metricsToken() {
    return given()
        .port(port)
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", "prometheus")
        .formParam("client_secret", "prometheus-demo")
        .post("/oauth2/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }
}
