package org.ccpfhir.bridgehead.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.IdatSweep;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.importer.ImportFixtures.Document;
import org.ccpfhir.security.audit.AuditRecorder;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code $import-obds}: oBDS / ADT-GEKID XML through the bridgehead's ingest path. */
@ExtendWith(OutputCaptureExtension.class)
class ObdsImportIT extends PostgresIT {

  @Autowired DataSource dataSource;
  @Autowired AuditRecorder auditRecorder;

  /** Path from the root, for requests from {@code clients.as(...)}. */
  static final String OPERATION = "/fhir/$import-obds";

  /** Path below the FHIR base, for requests from {@link #fhir()}. */
  static final String BELOW_BASE = "/$import-obds";

  @Test
  void anObdsDocumentIsStoredPseudonymizedAndSearchable() {
    Document doc = ImportFixtures.obds();

    Parameters answer =
        fhirContext
            .newJsonParser()
            .parseResource(
                Parameters.class,
                importRaw(doc, "datamanager").then().statusCode(200).extract().asString());

    Bundle response = (Bundle) answer.getParameter("response").getResource();
    assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
    assertThat(response.getEntry()).hasSize(21);
    assertThat(answer.getParameter("report").getValue().primitiveValue())
        .contains("\"patientsStored\" : 1")
        .contains("\"patientsRefused\" : 0");
    String patientId = doc.patientId();
    Patient stored = client.read().resource(Patient.class).withId(patientId).execute();
    assertThat(stored.hasName()).isFalse();
    assertThat(stored.hasAddress()).isFalse();
    assertThat(stored.getBirthDateElement().getValueAsString()).isEqualTo("1961-08");
    assertThat(stored.getIdentifier())
        .anySatisfy(i -> assertThat(i.getSystem()).endsWith("/sid/pseudonym/BK-HD-L"));
    assertThat(count("Condition", patientId)).isEqualTo(1);
    assertThat(count("Observation", patientId)).isEqualTo(13);
    assertThat(count("Procedure", patientId)).isEqualTo(2);
    assertThat(count("MedicationStatement", patientId)).isEqualTo(1);
    assertThat(count("Specimen", patientId)).isEqualTo(2);
  }

  @Test
  void importingTheSameDocumentAgainCreatesNoDuplicates() {
    Document doc = ImportFixtures.obds();
    importRaw(doc, "datamanager").then().statusCode(200);
    String patientId = doc.patientId();
    int observations = count("Observation", patientId);

    importRaw(doc, "datamanager").then().statusCode(200);

    assertThat(count("Patient", "_id", patientId)).isEqualTo(1);
    assertThat(count("Condition", patientId)).isEqualTo(1);
    assertThat(count("Observation", patientId)).isEqualTo(observations);
    assertThat(count("Procedure", patientId)).isEqualTo(2);
  }

  @Test
  void aLaterMessageUpdatesTheStoredDiagnosis() {
    Document doc = ImportFixtures.obds();
    importRaw(doc, "datamanager").then().statusCode(200);
    String patientId = doc.patientId();
    int observations = count("Observation", patientId);

    // the registry corrects the diagnosis; this time the document comes in a Parameters
    Document corrected = doc.with("<Code>C50.4</Code>", "<Code>C50.8</Code>");
    Parameters parameters = new Parameters();
    parameters
        .addParameter()
        .setName("document")
        .setValue(new Attachment().setContentType("application/xml").setData(corrected.bytes()));
    fhir()
        .body(fhirContext.newJsonParser().encodeResourceToString(parameters))
        .post(BELOW_BASE)
        .then()
        .statusCode(200)
        .body(
            "parameter.find { it.name == 'response' }.resource.type",
            equalTo("transaction-response"));

    Bundle conditions =
        client
            .search()
            .byUrl("Condition?subject=Patient/" + patientId)
            .returnBundle(Bundle.class)
            .execute();
    assertThat(conditions.getEntry()).hasSize(1);
    Condition condition = (Condition) conditions.getEntryFirstRep().getResource();
    assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("C50.8");
    assertThat(condition.getMeta().getVersionId()).isEqualTo("2");
    assertThat(count("Observation", patientId)).isEqualTo(observations);
  }

  @Test
  void aParametersInXmlMayCarryTheDocumentAsAString() {
    Document doc = ImportFixtures.obds();
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("document").setValue(new StringType(doc.xml()));

    clients
        .as("datamanager")
        .contentType("application/fhir+xml")
        .accept("application/fhir+json")
        .body(fhirContext.newXmlParser().encodeResourceToString(parameters))
        .post(OPERATION)
        .then()
        .statusCode(200)
        .body(
            "parameter.find { it.name == 'response' }.resource.type",
            equalTo("transaction-response"));

    assertThat(count("Condition", doc.patientId())).isEqualTo(1);
  }

  @Test
  void anAdtGekidDocumentIsDetectedByItsNamespace() {
    Document doc = ImportFixtures.adt();

    importRaw(doc, "datamanager").then().statusCode(200);

    String patientId = doc.patientId();
    assertThat(client.read().resource(Patient.class).withId(patientId).execute().hasName())
        .isFalse();
    assertThat(count("Condition", patientId)).isEqualTo(1);
    assertThat(count("Observation", patientId)).isEqualTo(10);
  }

  @Test
  void aSchemaViolationInItsOnlyPatientIsRefusedWithLineColumnAndRuleAndStoresNothing() {
    Document valid = ImportFixtures.obds();
    String badValue = "Zwiebel" + ImportFixtures.letters(5);
    // line 16 of the fixture
    Document bad =
        valid.with("<Geschlecht>W</Geschlecht>", "<Geschlecht>" + badValue + "</Geschlecht>");

    String body =
        importRaw(bad, "datamanager")
            .then()
            .statusCode(422)
            .body("resourceType", equalTo("OperationOutcome"))
            .body("issue.severity", hasItem("error"))
            .body("issue.diagnostics", hasItem(containsString("line 16, column")))
            .body(
                "issue.diagnostics", hasItem(containsString("patient " + valid.sourcePatientId())))
            .body("issue.details.text", hasItem("cvc-enumeration-valid"))
            .body(not(containsString(badValue)))
            .body(not(containsString(valid.familyName())))
            .extract()
            .asString();

    OperationOutcome outcome =
        fhirContext.newJsonParser().parseResource(OperationOutcome.class, body);
    assertThat(
            outcome
                .getIssueFirstRep()
                .getExtensionByUrl(MappingOutcomes.LINE_EXTENSION)
                .getValue()
                .primitiveValue())
        .isEqualTo("16");
    assertThat(outcome.getIssueFirstRep().getLocation().get(0).getValue())
        .startsWith("Line[16] Col[");
    assertThat(count("Patient", "_id", valid.patientId())).isZero();
  }

  @Test
  void aDocumentThatIsNotWellFormedIsRefused() {
    Document valid = ImportFixtures.obds();
    Document truncated =
        new Document(
            valid.xml().substring(0, valid.xml().indexOf("</Patienten_Stammdaten>")),
            valid.sourcePatientId(),
            valid.familyName());

    importRaw(truncated, "datamanager")
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.details.text", hasItem("not-well-formed"));

    assertThat(count("Patient", "_id", valid.patientId())).isZero();
  }

  @Test
  void anEmptyRequestIsRefused() {
    clients
        .as("datamanager")
        .contentType("application/xml")
        .accept("application/fhir+json")
        .body(new byte[0])
        .post(OPERATION)
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"));
    fhir()
        .body("{\"resourceType\":\"Parameters\"}")
        .post(BELOW_BASE)
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"));
  }

  @Test
  void theDocumentsIdentifyingDataReachNeitherTheDatabaseNorTheLogs(CapturedOutput output) {
    Document doc = ImportFixtures.obds();
    String given = "Vorname" + ImportFixtures.letters(8);
    String street = "Strasse" + ImportFixtures.letters(8);
    Document named =
        doc.with("<Vornamen>Erika Johanna</Vornamen>", "<Vornamen>" + given + "</Vornamen>")
            .with("<Strasse>Heidestrasse</Strasse>", "<Strasse>" + street + "</Strasse>");
    List<String> needles = List.of(doc.familyName(), given, street);

    importRaw(named, "datamanager").then().statusCode(200);
    importRaw(named.with("<Geschlecht>W</Geschlecht>", "<Geschlecht>Q</Geschlecht>"), "datamanager")
        .then()
        .statusCode(422);
    auditRecorder.flush();

    List<String> tables = IdatSweep.tables(dataSource);
    assertThat(tables).contains("hfj_resource", "ccp_audit_event");
    List<String> found = IdatSweep.found(dataSource, tables, needles);
    assertThat(found).isEmpty();
    assertThat(output.getAll()).doesNotContain(needles);
  }

  @Test
  void researchersAndAdminsMayNotImport() {
    Document doc = ImportFixtures.obds();

    importRaw(doc, "researcher").then().statusCode(403);
    importRaw(doc, "admin").then().statusCode(403);

    assertThat(count("Patient", "_id", doc.patientId())).isZero();
  }

  private Response importRaw(Document doc, String user) {
    // without Accept, HAPI answers in the request's (XML) format
    return clients
        .as(user)
        .contentType("application/xml")
        .accept("application/fhir+json")
        .body(doc.bytes())
        .post(OPERATION);
  }

  int count(String type, String patientId) {
    return count(type, "subject", "Patient/" + patientId);
  }

  int count(String type, String parameter, String value) {
    return client
        .search()
        .byUrl(type + "?" + parameter + "=" + value + "&_summary=count")
        .returnBundle(Bundle.class)
        .execute()
        .getTotal();
  }
}
