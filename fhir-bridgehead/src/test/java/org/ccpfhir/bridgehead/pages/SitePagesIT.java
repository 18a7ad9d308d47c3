package org.ccpfhir.bridgehead.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ccpfhir.bridgehead.PostgresIT;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The site's pages: served without login, holding no data, and the FHIR calls of the consent page
 * accepted by the store as the page sends them.
 */
class SitePagesIT extends PostgresIT {

  static final List<String> PAGES =
      List.of(
          "/index.html",
          "/consent.html",
          "/upload.html",
          "/admin.html",
          "/approval.html",
          "/pseudonymize.html",
          "/withdrawal.html",
          "/access-request.html",
          "/biobank.html",
          "/forms.html");

  @Test
  void pagesAreServedWithoutLoginAndHoldNoData() {
    Patient patient = ingestPatient();
    String pseudonym = patient.getIdentifierFirstRep().getValue();

    for (String page : PAGES) {
      String html = clients.anonymous().get(page).then().statusCode(200).extract().asString();
      assertThat(html)
          .as(page)
          .contains("id=\"login\"", "ccp/ccp.js", "ccp/ccp.css", "site.js", "ccp/i18n.js")
          .doesNotContain(pseudonym, "Patient/" + patient.getIdPart());
    }
    for (String script :
        List.of(
            "/site.js",
            "/ccp/ccp.js",
            "/ccp/ccp.css",
            "/ccp/criteria-words.js",
            "/ccp/i18n.js",
            "/ccp/i18n-de.js",
            "/ccp/i18n-en.js")) {
      clients.anonymous().get(script).then().statusCode(200);
    }
    assertThat(clients.anonymous().get("/").then().statusCode(200).extract().asString())
        .contains("<h1><span data-i18n=\"app.bridgehead\">");
  }

  @Test
  void theStartPageLinksEveryPageByRole() {
    String index = clients.anonymous().get("/index.html").then().extract().asString();

    assertThat(index)
        .contains(
            "data-roles=\"site-approver\"><a href=\"approval.html\"",
            "data-roles=\"data-manager\"><a href=\"pseudonymize.html\"",
            "data-roles=\"data-manager admin\"><a href=\"consent.html\"",
            "data-roles=\"data-manager\"><a href=\"withdrawal.html\"",
            "data-roles=\"data-manager\"><a href=\"access-request.html\"",
            "data-roles=\"data-manager admin\"><a href=\"upload.html\"",
            "data-roles=\"biobank\"><a href=\"biobank.html\"",
            "data-roles=\"biobank data-manager\"><a href=\"forms.html\"",
            "data-roles=\"admin\"><a href=\"admin.html\"");
  }

  @Test
  void theConsentPageFindsThePatientRecordsAndWithdrawsAsItsCallsDo() {
    Patient patient = ingestPatient();
    String token = patient.getIdentifierFirstRep().getValue();

    String id =
        fhir()
            .get("/Patient?identifier=" + token + "&_count=10")
            .then()
            .statusCode(200)
            .extract()
            .path("entry[0].resource.id");
    String consent =
        """
        {"resourceType":"Consent","status":"active",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"research"}]},
         "category":[{"coding":[{"system":"http://loinc.org","code":"57016-8"}]}],
         "patient":{"reference":"Patient/%s"},"dateTime":"2026-11-30",
         "policyRule":{"coding":[{"system":"https://ccp-fhir.org/fhir/CodeSystem/consent-policy","code":"network"}]},
         "provision":{"type":"permit"}}"""
            .formatted(id);
    assertThat(consents(id)).isEmpty();
    String consentId =
        fhir().body(consent).post("/Consent").then().statusCode(201).extract().path("id");
    assertThat(consents(id)).containsExactly("active");

    String stored = fhir().get("/Consent/" + consentId).then().extract().asString();
    fhir()
        .body(stored.replace("\"status\":\"active\"", "\"status\":\"inactive\""))
        .put("/Consent/" + consentId)
        .then()
        .statusCode(200);
    assertThat(consents(id)).containsExactly("inactive");
  }

  @Test
  void theLocalUploadSettingAsThePageCallsItIsForAdminsOnly() {
    String empty = "{\"resourceType\":\"Parameters\"}";
    clients
        .as("datamanager")
        .baseUri(baseUrl())
        .contentType("application/fhir+json")
        .body(empty)
        .post("/$local-upload-setting")
        .then()
        .statusCode(403);
    clients
        .as("admin")
        .baseUri(baseUrl())
        .contentType("application/fhir+json")
        .body(empty)
        .post("/$local-upload-setting")
        .then()
        .statusCode(200);
  }

  private List<String> consents(String patientId) {
    List<String> statuses =
        fhir()
            .get("/Consent?patient=Patient/" + patientId + "&_sort=-_lastUpdated&_count=100")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("entry.resource.status");
    return statuses == null ? List.of() : statuses; // a searchset without entries has no "entry"
  }

  private Patient ingestPatient() {
    String id = patients().ingest("datamanager").patientId();
    return client.read().resource(Patient.class).withId(id).execute();
  }
}
