package org.ccpfhir.mdssearch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MdsSearchApplicationIT {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("mds-search-it").toString();
    registry.add("ccp.data-dir", () -> dir);
  }

  @Test
  void healthEndpointReportsUp() {
    given().port(port).get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void everythingElseNeedsCredentials() {
    given()
        .port(port)
        .get("/actuator/info")
        .then()
        .statusCode(401)
        .body(containsString("OperationOutcome"));
    given().port(port).get("/anything").then().statusCode(401);
  }
}
