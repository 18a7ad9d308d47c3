package org.ccpfhir.mdssearch;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
}
