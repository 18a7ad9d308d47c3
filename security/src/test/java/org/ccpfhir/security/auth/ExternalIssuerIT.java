package org.ccpfhir.security.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.net.ServerSocket;
import org.ccpfhir.security.testapp.TestComponentApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The production set-up: an app without a local issuer trusts an OpenID Connect provider given by
 * its issuer URL (discovery document and key set fetched from there). Here the provider is another
 * app's local issuer, as in the demo network.
 */
class ExternalIssuerIT {

  static ConfigurableApplicationContext provider;
  static ConfigurableApplicationContext resource;
  static int providerPort;
  static int resourcePort;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      providerPort = socket.getLocalPort();
    }
    String issuer = "http://localhost:" + providerPort;
    provider =
        new SpringApplicationBuilder(TestComponentApplication.class)
            .properties(
                "server.port=" + providerPort,
                "spring.datasource.url=jdbc:h2:mem:provider;DB_CLOSE_DELAY=-1",
                "spring.flyway.enabled=false",
                "ccp.auth.local-issuer.enabled=true",
                "ccp.auth.local-issuer.issuer=" + issuer,
                "ccp.auth.local-issuer.users[0].username=anna",
                "ccp.auth.local-issuer.users[0].password-hash={bcrypt}"
                    + new BCryptPasswordEncoder(4).encode("pw"),
                "ccp.auth.local-issuer.users[0].roles=admin")
            .run();
    resource =
        new SpringApplicationBuilder(TestComponentApplication.class)
            .properties(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:resource;DB_CLOSE_DELAY=-1",
                "spring.flyway.enabled=false",
                "ccp.auth.issuer-uri=" + issuer)
            .run();
    resourcePort = ((WebServerApplicationContext) resource).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    resource.close();
    provider.close();
  }

  @Test
  void tokensOfTheConfiguredProviderAreAcceptedAndNoLocalIssuerRuns() {
    String token =
        RestAssured.given()
            .port(providerPort)
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "password")
            .formParam("username", "anna")
            .formParam("password", "pw")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    String identity =
        RestAssured.given()
            .port(resourcePort)
            .auth()
            .oauth2(token)
            .get("/ccp/identity")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(identity).contains("\"anna\"", "\"admin\"");
    RestAssured.given()
        .port(resourcePort)
        .auth()
        .oauth2(token)
        .get("/admin-only")
        .then()
        .statusCode(200);
    RestAssured.given()
        .port(resourcePort)
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .post("/oauth2/token")
        .then()
        .statusCode(401);
  }
}
