package org.ccpfhir.bridgehead.terminology;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.terminology.CodeSystems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standard terminology operations answer for the shipped code lists. */
class TerminologyOperationsIT extends PostgresIT {

  @BeforeEach
  void waitForTerminology() {
    // the store loads the terminology in the background after start-up
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                clients
                    .anonymous()
                    .get("/actuator/health")
                    .then()
                    .extract()
                    .path("status")
                    .equals("UP"));
  }

  @Test
  void lookupGivesTheDisplayOfAGradingCode() {
    fhir()
        .queryParam("system", CodeSystems.GRADING)
        .queryParam("code", "3")
        .get("/CodeSystem/$lookup")
        .then()
        .statusCode(200)
        .body("resourceType", equalTo("Parameters"))
        .body("parameter.name", hasItem("display"));
  }

  @Test
  void validateCodeAcceptsKnownAndRejectsUnknownCodes() {
    fhir()
        .queryParam("url", CodeSystems.LATERALITY)
        .queryParam("code", "L")
        .get("/CodeSystem/$validate-code")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true));
    fhir()
        .queryParam("url", CodeSystems.LATERALITY)
        .queryParam("code", "Q")
        .get("/CodeSystem/$validate-code")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
  }

  @Test
  void expandListsTheCodesOfAValueSet() {
    fhir()
        .queryParam("url", "https://ccp-fhir.org/fhir/ValueSet/SeitenlokalisationVS")
        .get("/ValueSet/$expand")
        .then()
        .statusCode(200)
        .body("expansion.contains.code", hasItems("L", "R", "B", "M", "T", "U"));
  }

  @Test
  void translateMapsAnIcd10CategoryToItsTumourEntity() {
    fhir()
        .queryParam("url", "https://ccp-fhir.org/fhir/ConceptMap/icd10-to-tumor-entity")
        .queryParam("system", "http://fhir.de/CodeSystem/bfarm/icd-10-gm")
        .queryParam("code", "C50")
        .get("/ConceptMap/$translate")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true));
  }
}
