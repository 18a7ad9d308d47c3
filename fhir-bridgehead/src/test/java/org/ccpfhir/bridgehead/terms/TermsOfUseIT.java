package org.ccpfhir.bridgehead.terms;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Terms of use: a user who has not accepted the version in force gets 403 with an OperationOutcome
 * for every FHIR call, reads them and accepts them (AuditEvent and table row with the version), and
 * then works; bad acceptances are refused with 4xx; applications are exempt. User {@code
 * oncology-biobank} (demo profile, not pre-accepted; its acceptance is removed first, so the test
 * starts from a first login whatever ran before).
 */
class TermsOfUseIT extends PostgresIT {

  private static final String USER = "oncology-biobank";

  @Autowired DataSource dataSource;
  @Autowired TermsOfUse terms;

  @Test
  void aFirstLoginIsRefusedUntilTheTermsAreAcceptedAndTheAcceptanceIsAuditedWithItsVersion() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("DELETE FROM ccp_terms_acceptance WHERE username = ?", USER);

    Response refused = clients.as(USER).get("/fhir/Specimen?_count=1");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
    assertThat(refused.jsonPath().getString("issue[0].diagnostics"))
        .contains("terms of use", "version " + terms.version(), "/ccp/terms");
    // a write and an operation are refused alike, nothing stored
    assertThat(
            clients
                .as(USER)
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Specimen\"}")
                .post("/fhir/Specimen")
                .statusCode())
        .isEqualTo(403);
    assertThat(clients.as(USER).get("/fhir/Specimen/$export-samples").statusCode()).isEqualTo(403);
    // what a client needs to discover the server stays open
    assertThat(clients.as(USER).get("/fhir/metadata").statusCode()).isEqualTo(200);

    Response shown = clients.as(USER).get("/ccp/terms");
    shown.then().statusCode(200);
    assertThat(value(shown, "version")).isEqualTo(terms.version());
    assertThat(value(shown, "text")).isNotBlank().isEqualTo(terms.text());
    assertThat(value(shown, "note")).contains("logged");
    assertThat(shown.jsonPath().getBoolean("parameter.find { it.name == 'required' }.valueBoolean"))
        .isTrue();
    assertThat(shown.jsonPath().getBoolean("parameter.find { it.name == 'accepted' }.valueBoolean"))
        .isFalse();

    Response accepted = accept(terms.version());
    accepted.then().statusCode(200);
    assertThat(
            accepted.jsonPath().getBoolean("parameter.find { it.name == 'accepted' }.valueBoolean"))
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT version FROM ccp_terms_acceptance WHERE username = ?", String.class, USER))
        .isEqualTo(terms.version());
    String audit =
        clients
            .as("admin")
            .get("/fhir/AuditEvent?agent-identifier=" + USER + "&subtype=terms")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).contains("terms of use version " + terms.version() + " accepted");

    clients.as(USER).get("/fhir/Specimen?_count=1").then().statusCode(200);
    // accepting again changes nothing
    accept(terms.version()).then().statusCode(200);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ccp_terms_acceptance WHERE username = ?",
                Integer.class,
                USER))
        .isEqualTo(1);
  }

  @Test
  void thePagesDeclareTheTermsToThePageKitWhichAsksNoAppWithout() {
    // the kit asks ccp/terms only where the app's pages declare terms (apps without them would
    // refuse and audit the call on every page load); every bridgehead page loads site.js
    assertThat(clients.anonymous().get("/site.js").then().statusCode(200).extract().asString())
        .contains("terms: true");
    assertThat(clients.anonymous().get("/ccp/ccp.js").then().statusCode(200).extract().asString())
        .contains("offersTerms = !!app.terms", "if (!offersTerms) return;");
  }

  @Test
  void badAcceptancesAreRefusedWithAnOperationOutcomeAndRecordNothing() {
    Response otherVersion = accept("0-old");
    assertThat(otherVersion.statusCode()).isEqualTo(409);
    assertThat(otherVersion.jsonPath().getString("issue[0].diagnostics")).contains("version");
    Response junk =
        clients.as(USER).contentType("application/fhir+json").body("{not json").post("/ccp/terms");
    assertThat(junk.statusCode()).isEqualTo(400);
    assertThat(junk.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
    Response missing =
        clients
            .as(USER)
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post("/ccp/terms");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.jsonPath().getString("issue[0].diagnostics")).contains("version");
    Response notParameters =
        clients
            .as(USER)
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Patient\"}")
            .post("/ccp/terms");
    assertThat(notParameters.statusCode()).isEqualTo(400);
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForObject(
                    "SELECT COUNT(*) FROM ccp_terms_acceptance WHERE version = '0-old'",
                    Integer.class))
        .isZero();
    // without a login: 401
    assertThat(clients.anonymous().get("/ccp/terms").statusCode()).isEqualTo(401);
  }

  @Test
  void applicationsAreExempt() {
    String token = clients.applicationToken("clinical-system", "clinical-system-demo");
    Response shown = clients.anonymous().auth().oauth2(token).get("/ccp/terms");
    shown.then().statusCode(200);
    assertThat(shown.jsonPath().getBoolean("parameter.find { it.name == 'required' }.valueBoolean"))
        .isFalse();
    clients.anonymous().auth().oauth2(token).get("/fhir/Patient?_count=1").then().statusCode(200);
    Response refused =
        clients
            .anonymous()
            .auth()
            .oauth2(token)
            .contentType("application/fhir+json")
            .body(
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"version\",\"valueString\":\""
                    + terms.version()
                    + "\"}]}")
            .post("/ccp/terms");
    assertThat(refused.statusCode()).isEqualTo(422);
  }

  private Response accept(String version) {
    return clients
        .as(USER)
        .contentType("application/fhir+json")
        .body(
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"version\",\"valueString\":\""
                + version
                + "\"}]}")
        .post("/ccp/terms");
  }

  private static String value(Response response, String name) {
    return response
        .jsonPath()
        .getString("parameter.find { it.name == '" + name + "' }.valueString");
  }
}
