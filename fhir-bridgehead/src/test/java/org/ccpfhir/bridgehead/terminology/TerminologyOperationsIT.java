package org.ccpfhir.bridgehead.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The standard terminology operations answer for the shipped code lists. */
class TerminologyOperationsIT extends PostgresIT {

  @Autowired TerminologyStoreLoader loader;
  @Autowired DaoRegistry daos;
  @Autowired DataSource dataSource;

  @BeforeEach
  void waitForTerminology() {
    awaitHealthUp();
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

  /**
   * A restart skips the load while the shipped terminology and the stored versions are unchanged; a
   * shipped CodeSystem cannot be deleted (409): HAPI's deferred deletion of its concepts, still
   * running after the loader restored it, left it unfindable by url for minutes.
   */
  @Test
  void aRestartSkipsTheUnchangedTerminologyAndAShippedCodeSystemCannotBeDeleted() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // other ITs of the shared store may have changed shipped resources: a load settles that
    loader.load();
    long settled = loadedAt(jdbc);

    loader.load();
    assertThat(loadedAt(jdbc)).as("unchanged: nothing written").isEqualTo(settled);

    IdType id =
        new IdType(
            "CodeSystem",
            TerminologyStoreLoader.storeId(
                CcpTerminology.get().codeSystem(CodeSystems.TNM_Y_SYMBOL).orElseThrow()));
    SystemRequestDetails request = new SystemRequestDetails();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> daos.getResourceDao(CodeSystem.class).delete(id, request))
        .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException.class)
        .hasMessageContaining("shipped terminology");
    assertThat(daos.getResourceDao(CodeSystem.class).read(id, request).getUrl())
        .isEqualTo(CodeSystems.TNM_Y_SYMBOL);
    loader.load();
    assertThat(loadedAt(jdbc)).as("still unchanged").isEqualTo(settled);
  }

  private static long loadedAt(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "SELECT loaded_ms FROM ccp_terminology_state WHERE id = 1", Long.class);
  }
}
