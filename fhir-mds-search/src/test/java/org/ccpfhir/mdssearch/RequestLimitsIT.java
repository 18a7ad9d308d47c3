package org.ccpfhir.mdssearch;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ccp.limits.* (security's RequestLimitFilter) on the MDS database, with the default limits. */
class RequestLimitsIT extends MdsSearchItSupport {

  private static final String EVALUATE = "/fhir/Measure/$evaluate-measure";
  private static final String CRITERIA =
      "{\"name\":\"criteria\",\"valueString\":\"Condition?code=C50\"}";

  @Test
  void aBodyOverTheSizeLimitIs413WithContentLengthOrChunked() {
    String body =
        "{\"resourceType\":\"Parameters\",\"parameter\":[" + CRITERIA + "]}" + " ".repeat(9 << 20);
    as("researcher")
        .contentType("application/fhir+json")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post(EVALUATE)
        .then()
        .statusCode(413)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.fhir-body")));
    as("researcher")
        .contentType("application/fhir+json")
        .body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
        .post(EVALUATE)
        .then()
        .statusCode(413);
    healthy();
  }

  @Test
  void tooManyParametersAre400() {
    String body =
        "{\"resourceType\":\"Parameters\",\"parameter\":["
            + (CRITERIA + ",").repeat(1000)
            + CRITERIA
            + "]}";
    as("researcher")
        .contentType("application/fhir+json")
        .body(body)
        .post(EVALUATE)
        .then()
        .statusCode(400)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.parameters")));
    healthy();
  }

  @Test
  void deepNestingIs400InJsonAndXml() {
    String json =
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"x\",\"part\":"
            + "[{\"name\":\"x\",\"part\":".repeat(60)
            + "[]"
            + "}]".repeat(60)
            + "}]}";
    as("researcher")
        .contentType("application/fhir+json")
        .body(json)
        .post(EVALUATE)
        .then()
        .statusCode(400)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.nesting-depth")));
    String xml =
        "<Parameters xmlns=\"http://hl7.org/fhir\">"
            + "<parameter><name value=\"x\"/>".repeat(120)
            + "</parameter>".repeat(120)
            + "</Parameters>";
    as("researcher")
        .contentType("application/fhir+xml")
        .body(xml)
        .post(EVALUATE)
        .then()
        .statusCode(400)
        .body(containsString("ccp.limits.nesting-depth"));
    healthy();
  }

  private void healthy() {
    anonymous().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
  }
}
