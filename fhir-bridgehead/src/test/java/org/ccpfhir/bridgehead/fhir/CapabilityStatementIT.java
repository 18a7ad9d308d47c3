package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.profiles.CuratedDefinitions;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.testsupport.SearchPages;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;

class CapabilityStatementIT extends PostgresIT {

  @Test
  void listsTheMdsProfilesAndSearchParameters() {
    CapabilityStatement statement =
        client.capabilities().ofType(CapabilityStatement.class).execute();

    List<String> supported =
        statement.getRestFirstRep().getResource().stream()
            .flatMap(r -> r.getSupportedProfile().stream())
            .map(CanonicalType::getValue)
            .toList();
    assertThat(supported).containsAll(MdsProfiles.ALL_PROFILES);
    assertThat(
            statement.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Observation"))
                .flatMap(r -> r.getSearchParam().stream())
                .map(
                    CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent
                        ::getName))
        .contains("code", "subject", "value-concept", "component-code-value-concept")
        .doesNotContain("combo-code", "combo-value-concept", "performer");
  }

  /** Every feature's FhirProvider bean is served: the one registration path misses none. */
  @Test
  void servesTheOperationsOfEveryFeature() {
    CapabilityStatement statement =
        client.capabilities().ofType(CapabilityStatement.class).execute();

    Stream<String> systemLevel =
        statement.getRestFirstRep().getOperation().stream()
            .map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName);
    Stream<String> typeLevel =
        statement.getRestFirstRep().getResource().stream()
            .flatMap(r -> r.getOperation().stream())
            .map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName);
    List<String> operations =
        Stream.concat(systemLevel, typeLevel).map(name -> name.replace("$", "")).toList();
    assertThat(operations)
        .contains(
            "pseudonymize", // pseudonym
            "local-review-list", // pseudonym
            "import-obds", // importer
            "export-study", // export
            "local-upload-setting", // consent
            "access-request", // subjectaccess
            "upload", // upload
            "withdraw", // withdrawal
            "search-decide"); // approval
    assertThat(statement.getRestFirstRep().getResource())
        .anyMatch(r -> r.getType().equals("AuditEvent"));
  }

  /**
   * Issue 18 "definitions served": the curated definitions are read by id and found by url, the
   * statement's operation definitions and supported profiles resolve, unknown ids are 404.
   */
  @Test
  void servesTheCuratedDefinitionsTheStatementPointsAt() {
    fhir()
        .get("/StructureDefinition/mds-patient")
        .then()
        .statusCode(200)
        .body("url", equalTo("https://ccp-fhir.org/fhir/StructureDefinition/mds-patient"));
    fhir().get("/StructureDefinition/no-such-profile").then().statusCode(404);
    fhir().get("/OperationDefinition/no-such-operation").then().statusCode(404);
    fhir()
        .get("/OperationDefinition/import-obds")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'document' }.use", equalTo("in"));
    fhir()
        .queryParam("url", "https://ccp-fhir.org/fhir/StructureDefinition/mds-specimen")
        .get("/StructureDefinition")
        .then()
        .statusCode(200)
        .body("entry.size()", equalTo(1))
        .body("entry[0].resource.id", equalTo("mds-specimen"));
    fhir()
        .queryParam("name", "MdsObservation")
        .get("/StructureDefinition")
        .then()
        .statusCode(200)
        .body("total", equalTo(11));

    CapabilityStatement statement =
        client.capabilities().ofType(CapabilityStatement.class).execute();
    List<String> definitions = new ArrayList<>();
    statement.getRestFirstRep().getOperation().forEach(o -> definitions.add(o.getDefinition()));
    statement.getRestFirstRep().getResource().stream()
        .flatMap(r -> r.getOperation().stream())
        .forEach(o -> definitions.add(o.getDefinition()));
    assertThat(definitions)
        .contains(
            "https://ccp-fhir.org/fhir/OperationDefinition/import-obds",
            "https://ccp-fhir.org/fhir/OperationDefinition/local-review-decide");
    List<String> supported =
        statement.getRestFirstRep().getResource().stream()
            .flatMap(r -> r.getSupportedProfile().stream())
            .map(CanonicalType::getValue)
            .toList();
    for (String url :
        definitions.stream()
            .filter(u -> u != null && u.startsWith("https://ccp-fhir.org/"))
            .toList()) {
      fhir()
          .queryParam("url", url)
          .get("/OperationDefinition")
          .then()
          .statusCode(200)
          .body("entry.size()", equalTo(1));
    }
    for (String url : supported) {
      fhir()
          .queryParam("url", url)
          .get("/StructureDefinition")
          .then()
          .statusCode(200)
          .body("entry.size()", equalTo(1));
    }
  }

  /**
   * The shipped CodeSystems and ValueSets are in the store under the same ids as on the other apps,
   * once each (no copy under the ids used before).
   */
  @Test
  void theStoreServesTheShippedTerminologyUnderItsOwnIds() {
    awaitHealthUp();
    fhir()
        .get("/CodeSystem/TNMTCS")
        .then()
        .statusCode(200)
        .body("url", equalTo("http://dktk.dkfz.de/fhir/onco/core/CodeSystem/TNMTCS"));
    fhir()
        .queryParam("url", "https://ccp-fhir.org/fhir/ValueSet/GradingVS")
        .get("/ValueSet")
        .then()
        .statusCode(200)
        .body("entry.size()", equalTo(1))
        .body("entry[0].resource.id", equalTo("GradingVS"));
  }

  /**
   * Every shipped CodeSystem and ValueSet is readable and found by url here as on the other apps,
   * the three ValueSets over catalogues that are not shipped included; those cannot be expanded
   * (400, not a 500 from the store).
   */
  @Test
  void everyShippedCodeSystemAndValueSetIsReadAndFoundByUrl() {
    awaitHealthUp();
    for (String type : List.of("CodeSystem", "ValueSet")) {
      for (MetadataResource shipped : CuratedDefinitions.shared().resources(type)) {
        // HAPI reindexes stored CodeSystems in the background some time after one was deleted and
        // restored (TerminologyOperationsIT does that in this shared store); one search by url in
        // a CI run found nothing while it ran. The resource must be found within a minute (an
        // empty Bundle has no "entry": hasSize fails as an assertion, which the wait retries).
        Awaitility.await(type + "?url=" + shipped.getUrl())
            .atMost(Duration.ofMinutes(1))
            .untilAsserted(
                () ->
                    fhir()
                        .queryParam("url", shipped.getUrl())
                        .get("/" + type)
                        .then()
                        .statusCode(200)
                        .body("entry", hasSize(1))
                        .body("entry[0].resource.id", equalTo(shipped.getIdPart())));
      }
    }
    fhir()
        .get("/ValueSet/icd10gm-chapter2")
        .then()
        .statusCode(200)
        .body("url", equalTo("https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2"));
    clients.as("researcher").get("/fhir/ValueSet/icdo3-morphology").then().statusCode(200);
    fhir()
        .get("/ValueSet/icdo3-topography/$expand")
        .then()
        .statusCode(400)
        .body("issue[0].code", equalTo("not-supported"));
    fhir()
        .queryParam("url", "https://ccp-fhir.org/fhir/ValueSet/icd10gm-chapter2")
        .queryParam("code", "C50.1")
        .queryParam("system", "http://fhir.de/CodeSystem/bfarm/icd-10-gm")
        .get("/ValueSet/$validate-code")
        .then()
        .statusCode(400);
  }

  /**
   * A definitions search without parameters is paged: Bundle.total counts every shipped resource
   * and the next links lead to all of them, each once.
   */
  @Test
  void aDefinitionsSearchWithoutParametersPagesThroughEverything() {
    awaitHealthUp();
    for (String type : List.of("StructureDefinition", "OperationDefinition")) {
      List<String> shipped =
          CuratedDefinitions.shared().resources(type).stream()
              .map(MetadataResource::getIdPart)
              .toList();
      SearchPages.Result result = SearchPages.all(() -> clients.as("researcher"), "/fhir/" + type);
      assertThat(result.total()).as(type).isEqualTo(shipped.size());
      assertThat(result.ids()).as(type).containsExactlyInAnyOrderElementsOf(shipped);
      assertThat(result.pages()).as(type).isGreaterThan(1);
      SearchPages.Result bigPages =
          SearchPages.all(() -> clients.as("researcher"), "/fhir/" + type + "?_count=7");
      assertThat(bigPages.ids()).as(type).containsExactlyInAnyOrderElementsOf(shipped);
    }
    // the store's own terminology endpoints page the same way
    SearchPages.Result valueSets =
        SearchPages.all(() -> clients.as("researcher"), "/fhir/ValueSet");
    assertThat(valueSets.ids())
        .doesNotHaveDuplicates()
        .containsAll(
            CuratedDefinitions.shared().resources("ValueSet").stream()
                .map(MetadataResource::getIdPart)
                .toList());
  }

  /** Readable by every signed-in role, by nobody anonymously, and changed by nobody. */
  @Test
  void definitionsAreReadOnly() {
    clients.anonymous().get("/fhir/StructureDefinition/mds-patient").then().statusCode(401);
    clients.anonymous().get("/fhir/OperationDefinition/import-obds").then().statusCode(401);
    clients.as("researcher").get("/fhir/StructureDefinition/mds-patient").then().statusCode(200);
    clients.as("approver").get("/fhir/OperationDefinition/search-decide").then().statusCode(200);
    String body =
        fhir().get("/StructureDefinition/mds-patient").then().statusCode(200).extract().asString();
    clients
        .as("admin")
        .contentType("application/fhir+json")
        .body(body)
        .put("/fhir/StructureDefinition/mds-patient")
        .then()
        .statusCode(403);
    clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body(body)
        .post("/fhir/StructureDefinition")
        .then()
        .statusCode(403);
  }
}
