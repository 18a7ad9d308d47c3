package org.ccpfhir.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.ccpfhir.security.testapp.TestComponentApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Users and applications log in at the local issuer; tokens carry roles, site, domains, groups. */
class TokenAuthenticationIT {

  static ConfigurableApplicationContext app;
  static int port;

  @BeforeAll
  static void start() {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    app =
        new SpringApplicationBuilder(TestComponentApplication.class)
            .properties(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:tokens;DB_CLOSE_DELAY=-1",
                "spring.flyway.enabled=false",
                "ccp.auth.local-issuer.enabled=true",
                "ccp.auth.local-issuer.max-failed-logins=3",
                "ccp.auth.local-issuer.users[0].username=anna",
                "ccp.auth.local-issuer.users[0].password-hash={bcrypt}" + bcrypt.encode("pw-anna"),
                "ccp.auth.local-issuer.users[0].roles=admin",
                "ccp.auth.local-issuer.users[0].site=HD",
                "ccp.auth.local-issuer.users[0].groups=oncology,biobank-onc",
                "ccp.auth.local-issuer.users[1].username=rita",
                "ccp.auth.local-issuer.users[1].password-hash={bcrypt}" + bcrypt.encode("pw-rita"),
                "ccp.auth.local-issuer.users[1].roles=researcher",
                "ccp.auth.local-issuer.users[2].username=target",
                "ccp.auth.local-issuer.users[2].password-hash={bcrypt}" + bcrypt.encode("right"),
                "ccp.auth.local-issuer.users[2].roles=researcher",
                "ccp.auth.local-issuer.clients[0].client-id=imaging",
                "ccp.auth.local-issuer.clients[0].secret-hash={bcrypt}" + bcrypt.encode("s3cret"),
                "ccp.auth.local-issuer.clients[0].domains=BK-L,RPB-L",
                "ccp.auth.local-issuer.clients[0].site=HD")
            .run();
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static RequestSpecification given() {
    return RestAssured.given().port(port);
  }

  private static Response login(String user, String password) {
    return given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .formParam("username", user)
        .formParam("password", password)
        .post("/oauth2/token");
  }

  private static String token(String user, String password) {
    return login(user, password).then().statusCode(200).extract().path("access_token");
  }

  @Test
  void thePageKitIsPublicButTheIdentityBesideItIsNot() {
    given().get("/ccp/ccp.js").then().statusCode(200);
    given().get("/ccp/ccp.css").then().statusCode(200);

    given().get("/ccp/identity").then().statusCode(401);
  }

  @Test
  void aUserTokenCarriesRolesAndSite() {
    String token = token("anna", "pw-anna");

    Response identity = given().auth().oauth2(token).get("/ccp/identity");

    identity.then().statusCode(200);
    assertThat(identity.asString()).contains("\"user\"", "\"anna\"", "\"HD\"", "\"admin\"");
    // groups (departments) from the groups claim
    assertThat(identity.jsonPath().getList("parameter.findAll { it.name == 'group' }.valueString"))
        .containsExactly("oncology", "biobank-onc");
    given().auth().oauth2(token).get("/admin-only").then().statusCode(200);
  }

  @Test
  void anApplicationGetsItsDomainsThroughClientCredentials() {
    String token =
        given()
            .auth()
            .preemptive()
            .basic("imaging", "s3cret")
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    String identity = given().auth().oauth2(token).get("/ccp/identity").asString();

    assertThat(identity).contains("\"application\"", "\"imaging\"", "\"BK-L\"", "\"RPB-L\"");
  }

  @Test
  void wrongRoleIsForbiddenWithAnOperationOutcome() {
    Response response = given().auth().oauth2(token("rita", "pw-rita")).get("/admin-only");

    response.then().statusCode(403);
    assertThat(response.asString()).contains("OperationOutcome", "forbidden", "researcher");
  }

  @Test
  void missingOrBadTokensAreUnauthenticated() {
    Response none = given().get("/admin-only");
    none.then().statusCode(401);
    assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(none.asString()).contains("OperationOutcome", "bearer token");

    given().auth().oauth2("not.a.token").get("/admin-only").then().statusCode(401);
    String forged = token("rita", "pw-rita");
    String tampered = forged.substring(0, forged.length() - 4) + "AAAA";
    given().auth().oauth2(tampered).get("/ccp/identity").then().statusCode(401);
    given().get("/anything-else").then().statusCode(401);
  }

  @Test
  void wrongPasswordsAreRefusedAndRepeatedFailuresLockTheName() {
    login("target", "wrong").then().statusCode(401);
    login("nobody", "wrong").then().statusCode(401);
    login("target", "wrong").then().statusCode(401);
    login("target", "wrong").then().statusCode(401);

    Response locked = login("target", "right");

    locked.then().statusCode(401);
    assertThat(locked.asString()).contains("too many failed attempts");
  }

  @Test
  void badTokenRequestsAreClientErrors() {
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "authorization_code")
        .post("/oauth2/token")
        .then()
        .statusCode(400);
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .post("/oauth2/token")
        .then()
        .statusCode(400);
    given().get("/oauth2/jwks").then().statusCode(200);
    given().get("/.well-known/openid-configuration").then().statusCode(200);
  }

  @Test
  void unknownRolesInConfigurationFailAtStartUp() {
    assertThatThrownBy(
            () -> new AuthProperties.User("x", "{noop}x", List.of("superuser"), "", List.of()))
        .hasMessageContaining("unknown role 'superuser'");
  }
}
