package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.importer.ImportFixtures;
import org.ccpfhir.profiles.shapes.InputShapes;
import org.ccpfhir.profiles.shapes.ShapeFixtures;
import org.ccpfhir.profiles.shapes.ShapeFixtures.Shape;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The same clinical facts sent as an MDS, a DKTK onco-core (obds2fhir) and an MII KDS Onkologie
 * transaction, and imported as an oBDS export, are stored so that the MDS queries count them alike;
 * what the MII shape cannot carry into the MDS is answered as warnings in the transaction-response.
 */
class InputShapesIT extends PostgresIT {

  private static final String LOINC = "http://loinc.org|";
  private static final String DKTK = "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/";

  /** The MDS questions, {p} = the shape's Patient id. */
  private static final List<String> QUERIES =
      List.of(
          "Patient?_id={p}&gender=female&birthdate=1961-07",
          "Condition?subject=Patient/{p}&code=http://fhir.de/CodeSystem/bfarm/icd-10-gm|C50.4",
          "Condition?subject=Patient/{p}&onset-date=2020-02-16",
          "Condition?subject=Patient/{p}&body-site=urn:oid:2.16.840.1.113883.6.43.1|C50.4",
          "Condition?subject=Patient/{p}&body-site=" + DKTK + "SeitenlokalisationCS|R",
          "Observation?subject=Patient/{p}&code="
              + LOINC
              + "59847-4&value-concept=urn:oid:2.16.840.1.113883.6.43.1|8500/3",
          "Observation?subject=Patient/{p}&code="
              + LOINC
              + "59542-1&value-concept="
              + DKTK
              + "GradingCS|3",
          "Observation?subject=Patient/{p}&code="
              + LOINC
              + "21908-9&value-concept="
              + DKTK
              + "UiccstadiumCS|IIB",
          "Observation?subject=Patient/{p}&component-code-value-concept="
              + LOINC
              + "21905-5$"
              + DKTK
              + "TNMTCS|2",
          "Observation?subject=Patient/{p}&component-code-value-concept="
              + LOINC
              + "21906-3$"
              + DKTK
              + "TNMNCS|1",
          "Observation?subject=Patient/{p}&component-code-value-concept="
              + LOINC
              + "21907-1$"
              + DKTK
              + "TNMMCS|0");

  @Test
  void theSameFactsInEachShapeGiveTheSameCounts() {
    String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
    String family = family();
    Map<Shape, List<Integer>> answers = new EnumMap<>(Shape.class);
    for (Shape shape : Shape.values()) {
      fhir()
          .body(ShapeFixtures.json(shape, prefix, family))
          .post()
          .then()
          .statusCode(200)
          .body("type", equalTo("transaction-response"));
      answers.put(shape, counts(ShapeFixtures.patientId(shape, prefix)));
    }

    // the same facts as a cancer registry's oBDS export, through $import-obds (another person)
    ImportFixtures.Document obds = ImportFixtures.shapeFacts(family());
    clients
        .as("datamanager")
        .contentType("application/xml")
        .accept("application/fhir+json")
        .body(obds.bytes())
        .post("/fhir/$import-obds")
        .then()
        .statusCode(200)
        .body(
            "parameter.find { it.name == 'report' }.valueString",
            containsString("\"patientsStored\" : 1"));

    assertThat(answers.get(Shape.MDS)).as("MDS").containsOnly(1).hasSize(QUERIES.size());
    assertThat(answers.get(Shape.DKTK)).as("DKTK").isEqualTo(answers.get(Shape.MDS));
    assertThat(answers.get(Shape.MII)).as("MII").isEqualTo(answers.get(Shape.MDS));
    assertThat(counts(obds.patientId())).as("oBDS").isEqualTo(answers.get(Shape.MDS));
  }

  @Test
  void aDktkPatientIdentifierWithoutSystemIsStoredAsTheSourceSystemsId() {
    String prefix = "d" + UUID.randomUUID().toString().substring(0, 8);

    fhir().body(ShapeFixtures.json(Shape.DKTK, prefix, family())).post().then().statusCode(200);

    Patient patient =
        client
            .read()
            .resource(Patient.class)
            .withId(ShapeFixtures.patientId(Shape.DKTK, prefix))
            .execute();
    assertThat(patient.getIdentifier())
        .anySatisfy(
            id -> {
              assertThat(id.getSystem()).isEqualTo(InputShapes.SOURCE_PATIENT_ID_SYSTEM);
              assertThat(id.getValue()).isEqualTo(prefix + "-dktk");
            });
    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1961-07");
  }

  @Test
  void whatTheMiiShapeCannotMapIsAnsweredAsWarningsOfItsEntry() {
    String prefix = "m" + UUID.randomUUID().toString().substring(0, 8);
    Bundle sent = ShapeFixtures.bundle(fhirContext, Shape.MII, prefix, family());
    int operation = indexOf(sent, prefix + "-mii-operation");

    JsonPath answer =
        fhir()
            .body(ShapeFixtures.json(Shape.MII, prefix, family()))
            .post()
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    String outcome = "entry[" + operation + "].response.outcome.issue";
    assertThat(answer.getList(outcome + ".severity", String.class)).contains("warning");
    assertThat(answer.getList(outcome + ".diagnostics", String.class))
        .anySatisfy(d -> assertThat(d).contains("no MDS counterpart"));
    assertThat(answer.getString("entry[" + operation + "].response.status")).startsWith("20");
    // the named MII Patient went through the local patient list: pseudonym, no name
    Patient patient =
        client
            .read()
            .resource(Patient.class)
            .withId(ShapeFixtures.patientId(Shape.MII, prefix))
            .execute();
    assertThat(patient.hasName()).isFalse();
    assertThat(patient.getIdentifierFirstRep().getSystem()).contains("/sid/pseudonym/");
  }

  @Test
  void aMiiGradingWithoutMdsCodeIsRefusedWithTheRuleAndTheWarning() {
    String prefix = "g" + UUID.randomUUID().toString().substring(0, 8);
    // G5 exists in MII's grading code system, not in the MDS GradingCS
    String json =
        ShapeFixtures.json(Shape.MII, prefix, family())
            .replace(
                "\"system\": \"https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/"
                    + "CodeSystem/mii-cs-onko-grading\",\n              \"code\": \"3\"",
                "\"system\": \"https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/"
                    + "CodeSystem/mii-cs-onko-grading\",\n              \"code\": \"5\"");
    assertThat(json).contains("\"code\": \"5\"");
    int grading =
        indexOf(ShapeFixtures.bundle(fhirContext, Shape.MII, prefix, "X"), prefix + "-mii-grading");

    fhir()
        .body(json)
        .post()
        .then()
        .statusCode(422)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.severity", hasItem("error"))
        .body("issue.severity", hasItem("warning"))
        .body(
            "issue.expression.flatten()", hasItem(containsString("Bundle.entry[" + grading + "]")));

    assertThat(
            client
                .search()
                .byUrl("Patient?_id=" + ShapeFixtures.patientId(Shape.MII, prefix))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry())
        .isEmpty();
  }

  private List<Integer> counts(String patientId) {
    List<Integer> counts = new ArrayList<>();
    for (String query : QUERIES) {
      counts.add(
          client
              .search()
              .byUrl(query.replace("{p}", patientId) + "&_summary=count")
              .returnBundle(Bundle.class)
              .execute()
              .getTotal());
    }
    return counts;
  }

  private static int indexOf(Bundle bundle, String id) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (id.equals(bundle.getEntry().get(i).getResource().getIdPart())) {
        return i;
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** A family name no other run uses (letters only), so each run is a new person. */
  private static String family() {
    StringBuilder name = new StringBuilder("Muster");
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
      name.append((char) ('a' + Character.digit(c, 16)));
    }
    return name.toString();
  }
}
