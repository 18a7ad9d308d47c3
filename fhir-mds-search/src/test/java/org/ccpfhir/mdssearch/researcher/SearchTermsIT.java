package org.ccpfhir.mdssearch.researcher;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.junit.jupiter.api.Test;

class SearchTermsIT extends MdsSearchItSupport {

  @Test
  void researcherFindsTermsWithTheirCriteria() {
    as("researcher")
        .get("/fhir/$search-terms?filter=lung")
        .then()
        .statusCode(200)
        .body("parameter.part.flatten().valueString", hasItem("Condition?code:below=C33,C34"));
  }

  @Test
  void missingOrOversizedFilterIsA400NamingTheParameter() {
    as("researcher")
        .get("/fhir/$search-terms?filter=" + "x".repeat(101))
        .then()
        .statusCode(400)
        .body("issue[0].diagnostics", containsString("filter"));
    as("researcher")
        .get("/fhir/$search-terms?filter=lung&count=0")
        .then()
        .statusCode(400)
        .body("issue[0].diagnostics", containsString("count"));
  }

  @Test
  void withoutTokenRefusedAndPagesAreServed() {
    anonymous().get("/fhir/$search-terms?filter=lung").then().statusCode(401);
    for (String page :
        new String[] {
          "/index.html",
          "/searches.html",
          "/researcher/query.js",
          "/ccp/ccp.js",
          "/ccp/criteria-words.js",
          "/ccp/i18n.js",
          "/ccp/i18n-de.js",
          "/ccp/i18n-en.js"
        }) {
      anonymous().get(page).then().statusCode(200);
    }
  }
}
