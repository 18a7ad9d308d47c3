package org.ccpfhir.mdssearch;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.CuratedDefinitions;
import org.ccpfhir.testsupport.SearchPages;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;

class MdsSearchApplicationIT extends MdsSearchItSupport {

  @Test
  void healthEndpointReportsUp() {
    anonymous().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void everythingElseNeedsCredentials() {
    anonymous()
        .get("/actuator/info")
        .then()
        .statusCode(401)
        .body(containsString("OperationOutcome"));
    anonymous().get("/anything").then().statusCode(401);
    anonymous().get("/fhir/Patient?_summary=count").then().statusCode(401);
  }

  /**
   * Every shipped CodeSystem and ValueSet is found by url, and a definitions search without
   * parameters pages through all shipped resources (Bundle.total, next links).
   */
  @Test
  void everyShippedDefinitionIsFoundByUrlAndSearchesPage() {
    for (String type : List.of("CodeSystem", "ValueSet")) {
      for (MetadataResource shipped : CuratedDefinitions.shared().resources(type)) {
        as("researcher")
            .queryParam("url", shipped.getUrl())
            .get("/fhir/" + type)
            .then()
            .statusCode(200)
            .body("entry.size()", equalTo(1))
            .body("entry[0].resource.id", equalTo(shipped.getIdPart()));
      }
    }
    for (String type : CuratedDefinitions.TYPES) {
      List<String> shipped =
          CuratedDefinitions.shared().resources(type).stream()
              .map(MetadataResource::getIdPart)
              .toList();
      SearchPages.Result result = SearchPages.all(() -> as("researcher"), "/fhir/" + type);
      org.assertj.core.api.Assertions.assertThat(result.total()).as(type).isEqualTo(shipped.size());
      org.assertj.core.api.Assertions.assertThat(result.ids())
          .as(type)
          .containsExactlyInAnyOrderElementsOf(shipped);
    }
  }

  /**
   * Issue 18 "definitions served": the curated definitions are read by id and found by url by any
   * signed-in caller, unknown ids are 404, and the statement's links resolve.
   */
  @Test
  void servesTheCuratedDefinitionsTheStatementPointsAt() {
    anonymous().get("/fhir/StructureDefinition/mds-patient").then().statusCode(401);
    as("researcher")
        .get("/fhir/StructureDefinition/mds-patient")
        .then()
        .statusCode(200)
        .body("url", equalTo("https://ccp-fhir.org/fhir/StructureDefinition/mds-patient"));
    as("researcher").get("/fhir/CodeSystem/TNMTCS").then().statusCode(200);
    as("researcher").get("/fhir/ValueSet/no-such-value-set").then().statusCode(404);
    as("researcher")
        .queryParam("url", "https://ccp-fhir.org/fhir/ValueSet/GradingVS")
        .get("/fhir/ValueSet")
        .then()
        .statusCode(200)
        .body("entry.size()", equalTo(1));
    as("admin")
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"CodeSystem\"}")
        .post("/fhir/CodeSystem")
        .then()
        .statusCode(403);

    JsonPath statement =
        anonymous().get("/fhir/metadata").then().statusCode(200).extract().jsonPath();
    List<String> definitions = new ArrayList<>();
    definitions.addAll(nonNull(statement.getList("rest[0].operation.definition")));
    definitions.addAll(
        nonNull(statement.getList("rest[0].resource.operation.flatten().definition")));
    org.assertj.core.api.Assertions.assertThat(definitions)
        .contains(
            "https://ccp-fhir.org/fhir/OperationDefinition/mds-evaluate-measure",
            "https://ccp-fhir.org/fhir/OperationDefinition/mds-upload");
    for (String url : definitions) {
      if (url.startsWith("https://ccp-fhir.org/")) {
        as("researcher")
            .get("/fhir/OperationDefinition/" + url.substring(url.lastIndexOf('/') + 1))
            .then()
            .statusCode(200)
            .body("url", equalTo(url));
      }
    }
    List<String> profiles =
        nonNull(statement.getList("rest[0].resource.supportedProfile.flatten()"));
    org.assertj.core.api.Assertions.assertThat(profiles)
        .contains("https://ccp-fhir.org/fhir/StructureDefinition/mds-patient");
    for (String url : profiles) {
      as("researcher")
          .queryParam("url", url)
          .get("/fhir/StructureDefinition")
          .then()
          .statusCode(200)
          .body("entry.resource.url", hasItem(url));
    }
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values.stream().filter(java.util.Objects::nonNull).toList();
  }
}
