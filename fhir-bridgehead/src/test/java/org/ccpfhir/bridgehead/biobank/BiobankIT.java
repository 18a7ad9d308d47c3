package org.ccpfhir.bridgehead.biobank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.TestPatients.ml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.TestPatients;
import org.ccpfhir.bridgehead.biobank.Samples.Location;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sample management through the FHIR API as the page and a biobank's own client use it: register by
 * local pseudonym with storage place and aliquot, list by type / status / place, edit with history,
 * CSV export; bad input (unknown type, occupied position, amount without unit, aliquot larger than
 * the parent's rest, unknown pseudonym) refused with 422 naming the element and nothing stored;
 * other roles refused with 403.
 */
class BiobankIT extends PostgresIT {

  private static final String SAMPLE_IDS = TestPatients.SAMPLE_IDS;

  private static String pseudonym;
  private static String patientId;

  /** Every test has its own freezer: the shared store keeps the samples of earlier runs. */
  private String freezer;

  @BeforeEach
  void patientAndFreezer() {
    freezer = "F-" + UUID.randomUUID().toString().substring(0, 8);
    if (pseudonym == null) {
      TestPatients.Ingested ingested = patients().ingest("datamanager");
      patientId = ingested.patientId();
      pseudonym = ingested.pseudonym().getValue();
    }
  }

  @Test
  void registersASampleWithAnAliquotAndListsItByTypeStatusAndPlace() {
    String parentId = created(sample("plasma-edta", "available", place("A1"), ml("2")));
    Specimen parent = read(parentId);
    assertThat(parent.getSubject().getReference()).isEqualTo("Patient/" + patientId);
    assertThat(parent.getSubject().getIdentifier().getValue()).isEqualTo(pseudonym);
    assertThat(parent.getStatus()).isEqualTo(Specimen.SpecimenStatus.AVAILABLE);

    Specimen aliquot = sample("plasma-edta", "available", place("A2"), ml("0.5"));
    aliquot.addParent(new Reference("Specimen/" + parentId));
    String aliquotId = created(aliquot);

    JsonPath byTypeStatusFreezer =
        search(
            "type="
                + CodeSystems.SAMPLE_MATERIAL_TYPE
                + "|plasma-edta&sample-status=available&storage-freezer:exact="
                + freezer);
    assertThat(byTypeStatusFreezer.getList("entry.resource.id", String.class))
        .containsExactlyInAnyOrder(parentId, aliquotId);
    assertThat(
            search("storage-freezer:exact=" + freezer + "&storage-position:exact=A2")
                .getList("entry.resource.id", String.class))
        .containsExactly(aliquotId);
    assertThat(search("parent=Specimen/" + parentId).getList("entry.resource.id", String.class))
        .containsExactly(aliquotId);
    assertThat(
            search("type=whole-blood&storage-freezer:exact=" + freezer)
                .getList("entry", Object.class))
        .isNullOrEmpty();
    // the site's counts see them at once (the data manager's view of the same store)
    assertThat(
            fhir()
                .get("/Specimen?subject=Patient/" + patientId + "&_summary=count")
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("total"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void anEditIsANewVersionAndAUsedUpSampleFreesItsPosition() {
    String id = created(sample("whole-blood", "available", place("B1"), ml("5")));
    Specimen sample = read(id);
    Samples.setBiobankStatus(sample, "reserved");
    assertThat(put(sample).statusCode()).isEqualTo(200);
    assertThat(read(id).getMeta().getVersionId()).isEqualTo("2");
    assertThat(search("sample-status=reserved&storage-freezer:exact=" + freezer).getList("entry"))
        .hasSize(1);

    sample = read(id);
    Samples.setBiobankStatus(sample, "used-up");
    assertThat(put(sample).statusCode()).isEqualTo(200);
    assertThat(read(id).getStatus()).isEqualTo(Specimen.SpecimenStatus.UNAVAILABLE);
    List<String> versions =
        biobank()
            .get("/Specimen/" + id + "/_history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("entry.resource.meta.versionId", String.class);
    assertThat(versions).containsExactlyInAnyOrder("1", "2", "3");
    // the used-up sample no longer holds B1
    created(sample("whole-blood", "available", place("B1"), ml("1")));
  }

  @Test
  void anUnknownSampleTypeIsRefusedAndNothingStored() {
    Specimen sample = sample("tumour-tissue", "available", place("C1"), ml("1"));
    refused(sample, "Specimen.type");
  }

  @Test
  void anOccupiedPositionIsRefusedAndNothingStored() {
    created(sample("blood-serum", "available", place("D1"), ml("1")));
    Specimen second = sample("blood-serum", "reserved", place("D1"), ml("1"));
    refused(second, "Specimen.container[0].extension('" + MdsProfiles.EXT_STORAGE_LOCATION + "')")
        .body("issue.diagnostics", hasItem(containsString("occupied")));
  }

  @Test
  void anAmountWithoutUnitIsRefusedAndNothingStored() {
    Quantity noUnit = new Quantity().setValue(new BigDecimal("1.5"));
    refused(
        sample("urine", "available", place("E1"), noUnit),
        "Specimen.container[0].specimenQuantity");
  }

  @Test
  void anAliquotLargerThanWhatItsParentHasLeftIsRefused() {
    String parentId = created(sample("plasma-edta", "available", place("G1"), ml("1")));
    Specimen first = sample("plasma-edta", "available", place("G2"), ml("0.6"));
    first.addParent(new Reference("Specimen/" + parentId));
    created(first);

    Quantity tooMuch =
        new Quantity()
            .setValue(new BigDecimal("500"))
            .setUnit("uL")
            .setSystem(Samples.UCUM)
            .setCode("uL");
    Specimen second = sample("plasma-edta", "available", place("G3"), tooMuch);
    second.addParent(new Reference("Specimen/" + parentId));
    refused(second, "Specimen.container[0].specimenQuantity")
        .body("issue.diagnostics", hasItem(containsString("has left (400 uL of 1 mL)")));
  }

  @Test
  void anUnknownPseudonymIsRefused() {
    Specimen sample = sample("whole-blood", "available", place("H1"), ml("1"));
    sample.getSubject().getIdentifier().setValue("NO-SUCH-PSEUDONYM");
    refused(sample, "Specimen.subject.identifier");
  }

  @Test
  void otherRolesAreRefused() {
    String body = json(sample("whole-blood", "available", place("J1"), ml("1")));
    for (String user : List.of("researcher", "approver", "linkage")) {
      clients
          .as(user)
          .baseUri(baseUrl())
          .contentType("application/fhir+json")
          .body(body)
          .post("/Specimen")
          .then()
          .statusCode(403);
      clients.as(user).baseUri(baseUrl()).get("/Specimen").then().statusCode(403);
      clients.as(user).baseUri(baseUrl()).get("/Specimen/$export-samples").then().statusCode(403);
    }
    // the biobank manages samples, nothing else of the store; it marks a sample destroyed
    biobank().get("/Patient").then().statusCode(403);
    biobank().get("/Condition").then().statusCode(403);
    biobank().delete("/Specimen/1").then().statusCode(403);
    assertThat(search("identifier=" + SAMPLE_IDS + "|" + freezer).getList("entry")).isNullOrEmpty();
  }

  @Test
  void exportsTheSelectedSamplesAsCsv() {
    String id = created(sample("tumor-tissue-frozen", "reserved", place("K1"), ml("0.25")));
    String csv =
        // no Content-Type: HAPI would answer a GET in the request's FHIR format instead
        clients
            .as("biobank")
            .baseUri(baseUrl())
            .accept("text/csv")
            .get("/Specimen/$export-samples?freezer=" + freezer)
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", SampleCsv.HEADER));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith(id + ",1,")
        .contains(
            "," + pseudonym + ",",
            ",tumor-tissue-frozen,tissue,cryo,",
            ",reserved,available,",
            "," + freezer + ",R1,B1,K1,0.25,mL");
    biobank().get("/Specimen/$export-samples?type=no-such-type").then().statusCode(400);
  }

  @Test
  void theListAsThePageAsksForItShowsTheNewestRegisteredFirstForEveryFilter() {
    List<String> ids = new java.util.ArrayList<>();
    for (String position : List.of("L1", "L2", "L3", "L4")) {
      ids.add(created(sample("blood-serum", "reserved", place(position), ml("1"))));
    }
    // an edit does not move a sample: the order is that of registration
    Specimen first = read(ids.get(0));
    first.getContainerFirstRep().getSpecimenQuantity().setValue(new BigDecimal("0.9"));
    assertThat(put(first).statusCode()).isEqualTo(200);
    List<String> newestFirst = List.of(ids.get(3), ids.get(2), ids.get(1));
    for (String filter :
        List.of(
            "storage-freezer:exact=" + freezer,
            "storage-freezer:exact=" + freezer + "&storage-rack:exact=R1&storage-box:exact=B1",
            "type="
                + CodeSystems.SAMPLE_MATERIAL_TYPE
                + "|blood-serum&sample-status=reserved&storage-freezer:exact="
                + freezer)) {
      // biobank.html: the first page, newest first (here of 3, so that it ends within the test's)
      JsonPath page =
          biobank()
              .get("/Specimen?" + filter + "&_count=3&_sort=-_pid")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getList("entry.resource.id", String.class))
          .as(filter)
          .containsExactlyElementsOf(newestFirst);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private io.restassured.specification.RequestSpecification biobank() {
    return clients.as("biobank").baseUri(baseUrl()).contentType("application/fhir+json");
  }

  private Location place(String position) {
    return new Location(freezer, "R1", "B1", position);
  }

  private Specimen sample(String type, String status, Location place, Quantity amount) {
    return TestPatients.sample(pseudonym, type, status, place, amount);
  }

  private String json(Specimen s) {
    return fhirContext.newJsonParser().encodeResourceToString(s);
  }

  private String created(Specimen s) {
    return biobank().body(json(s)).post("/Specimen").then().statusCode(201).extract().path("id");
  }

  private Response put(Specimen s) {
    return biobank().body(json(s)).put("/Specimen/" + s.getIdElement().getIdPart());
  }

  private Specimen read(String id) {
    String body = biobank().get("/Specimen/" + id).then().statusCode(200).extract().asString();
    return fhirContext.newJsonParser().parseResource(Specimen.class, body);
  }

  private JsonPath search(String query) {
    return biobank()
        .get("/Specimen?" + query + "&_count=50")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private io.restassured.response.ValidatableResponse refused(Specimen s, String expression) {
    String sampleId = s.getIdentifierFirstRep().getValue();
    io.restassured.response.ValidatableResponse answer =
        biobank()
            .body(json(s))
            .post("/Specimen")
            .then()
            .statusCode(422)
            .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
            .body("issue.expression.flatten()", hasItem(containsString(expression)));
    assertThat(search("identifier=" + SAMPLE_IDS + "|" + sampleId).getList("entry"))
        .isNullOrEmpty();
    return answer;
  }
}
