package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.SiteBundles.patientOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The hostile requests that answered 500 in the hardening review (issue 16, finding 4): each is a
 * client error now, 4xx with an OperationOutcome naming what and where, and stores nothing.
 */
class HostileInputIT extends PostgresIT {

  private static final String NAMELESS =
      "{\"resourceType\":\"Parameters\",\"parameter\":[{\"valueString\":\"BK-L\"}]}";
  private static final String VALUELESS =
      "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"target\"}]}";

  @Test
  void pseudonymizeRefusesNamelessAndValuelessParameters() {
    refused(post("/$pseudonymize", NAMELESS), 400, "Parameters.parameter[0]");
    refused(post("/$pseudonymize", VALUELESS), 400, "Parameters.parameter[0]");
    refused(
        post(
            "/$pseudonymize",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"target\",\"valueString\":"
                + "\"BK-L\"},{\"name\":\"patient\",\"valueString\":\"Anna\"}]}"),
        400,
        "Parameters.parameter[1]");
    refused(
        post(
            "/$pseudonymize",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"target\",\"valueString\":"
                + "\"BK-L\"},{\"name\":\"target\",\"valueString\":\"BK-L\"}]}"),
        400,
        "Parameters.parameter[1]");
  }

  @Test
  void pseudonymizeRefusesAPatientWhoseBirthDateHasNoValue() {
    refused(
        post(
            "/$pseudonymize",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"target\",\"valueString\":"
                + "\"BK-L\"},{\"name\":\"patient\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"name\":[{\"family\":\"Muster\",\"given\":[\"Anna\"]}],\"_birthDate\":"
                + "{\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/"
                + "data-absent-reason\",\"valueCode\":\"unknown\"}]}}}]}"),
        400,
        null);
  }

  @Test
  void importExportAndAccessRequestRefuseNamelessParameters() {
    refused(post("/$import-obds", NAMELESS), 400, "Parameters.parameter[0]");
    refused(post("/$export-study", NAMELESS), 400, "Parameters.parameter[0]");
    refused(post("/$access-request", NAMELESS), 400, "Parameters.parameter[0]");
    refused(post("/$export-study", VALUELESS), 400, "Parameters.parameter[0]");
  }

  @Test
  void statusCountsThatAreNotNumbersAreClientErrors() {
    refused(get("/$upload-status?count=x"), 400, null);
    refused(get("/$withdraw-status?count=x"), 400, null);
    // a negative or huge count is clamped, not passed to the database
    fhir().get("/$upload-status?count=-5").then().statusCode(200);
    fhir().get("/$withdraw-status?count=-5").then().statusCode(200);
    refused(get("/$upload-status?count=99999999999"), 400, null);
  }

  @Test
  void aTransactionEntryWithAnUnknownMethodStoresNothing() {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
            .patient(0);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    String json =
        fhirContext
            .newJsonParser()
            .encodeResourceToString(bundle)
            .replaceFirst("\"method\":\"POST\"", "\"method\":\"FOO\"");

    refused(fhir().body(json).post(), 400, null);
    String xml =
        "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry><request>"
            + "<method value=\"FOO\"/><url value=\"Patient\"/></request></entry></Bundle>";
    refused(xml().body(xml).post(), 400, null);
    refused(xml().body(xml).post("/$local-review-decide"), 400, null);

    assertThat(
            client
                .search()
                .forResource(Patient.class)
                .where(
                    Patient.IDENTIFIER.exactly().systemAndIdentifier(id.getSystem(), id.getValue()))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry())
        .isEmpty();
  }

  @Test
  void malformedSearchValuesAreClientErrors() {
    refused(get("/Patient?_filter=2020-13-45"), 400, "_filter");
    refused(get("/Patient?birthdate=zz2020-01-01"), 400, null);
    refused(get("/Patient?birthdate=2020-13-45"), 400, null);
    Response nul = get("/Patient?_id=%00");
    refused(nul, 400, "_id");
    // the database's own error text never reaches the client
    nul.then().body(not(containsString("PSQL"))).body(not(containsString("0x00")));
  }

  @Test
  void resourcesWithNullElementsAreClientErrors() {
    refused(
        fhir()
            .body("{\"resourceType\":\"Patient\",\"extension\":[null],\"gender\":\"female\"}")
            .post("/Patient"),
        400,
        null);
    // nested inside a transaction and inside an operation's Parameters: refused before HAPI's
    // parser, whose NullPointerException loses its stack once the code is hot (the fuzz run's 500s)
    String nested =
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
            + "{\"resourceType\":\"Patient\",\"identifier\":[{\"type\":{\"coding\":[{\"code\":"
            + "\"x\",\"extension\":[null]}]}}]},\"request\":{\"method\":\"POST\",\"url\":"
            + "\"Patient\"}}]}";
    String parameters =
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"original\",\"resource\":"
            + "{\"resourceType\":\"Patient\",\"modifierExtension\":[null]}}]}";
    refused(fhir().body(nested).post(), 400, null);
    fhir()
        .body(nested)
        .post()
        .then()
        .body("issue.diagnostics", hasItem(containsString("list named 'extension' at line 1")));
    refused(fhir().body(parameters).post("/$pseudonymize"), 400, null);
    // a birthDate without value is parsed as absent: the profile's rules refuse the Patient
    refused(
        fhir().body("{\"resourceType\":\"Patient\",\"birthDate\":null}").post("/Patient"),
        422,
        null);
    refused(
        fhir()
            .body(
                "{\"resourceType\":\"Patient\",\"_birthDate\":{\"extension\":[{\"url\":"
                    + "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\","
                    + "\"valueCode\":\"unknown\"}]}}")
            .post("/Patient"),
        422,
        null);
  }

  @Test
  void pathsTheFirewallRefusesAreClientErrors() {
    Response response =
        clients
            .as("datamanager")
            .urlEncodingEnabled(false)
            .get(clients.root() + "/index.html/../fhir/Patient");
    refused(response, 400, null);
    Response semicolon =
        clients.as("datamanager").urlEncodingEnabled(false).get(baseUrl() + "/Patient;x=1");
    refused(semicolon, 400, null);
  }

  /** An XML request that asks for a JSON answer. */
  private io.restassured.specification.RequestSpecification xml() {
    return fhir().contentType("application/fhir+xml").accept("application/fhir+json");
  }

  private Response post(String path, String body) {
    return fhir().body(body).post(path);
  }

  private Response get(String path) {
    return fhir().urlEncodingEnabled(false).get(path);
  }

  /** 4xx, an OperationOutcome with an error, and (when given) the place of the problem. */
  static void refused(Response response, int status, String where) {
    response
        .then()
        .statusCode(status)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.severity", hasItem("error"));
    if (where != null) {
      response.then().body("issue.expression.flatten()", hasItem(where));
    }
  }
}
