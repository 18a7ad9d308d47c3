package org.ccpfhir.bridgehead.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Groups managed by the site admin ({@code /ccp/groups}, page admin.html): a group of the identity
 * provider's groups claim gets its units and counts at once for its members; groups of the
 * configuration stay untouched; bad input 4xx with an OperationOutcome; admins only.
 */
class ManagedGroupsIT extends PostgresIT {

  @Autowired UnitVisibility visibility;

  @Test
  void anAdminGivesAGroupItsUnitsAndItsMembersSeeThemAtOnce() {
    String group = "radiology-" + UUID.randomUUID().toString().substring(0, 6);
    Caller member =
        new Caller(
            AuditAgent.Kind.USER, "r1", "HD", List.of("data-manager"), List.of(), List.of(group));
    assertThat(visibility.scopeOf(member).units()).isEmpty();

    Response set =
        put(
            group,
            "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"unit\",\"valueString\":\"SURG\"},{\"name\":\"unit\",\"valueString\":\"RAD\"}]}");
    set.then().statusCode(200);
    assertThat(set.asString()).contains(group, "RAD", "pages", "configuration", "oncology");
    assertThat(visibility.scopeOf(member).units()).containsExactly("RAD", "SURG");
    assertThat(visibility.scopeOf(member).everything()).isFalse();

    put(
            group,
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"allUnits\",\"valueBoolean\":true}]}")
        .then()
        .statusCode(200);
    assertThat(visibility.scopeOf(member).everything()).isTrue();

    clients.as("admin").delete("/ccp/groups/" + group).then().statusCode(200);
    assertThat(visibility.scopeOf(member).units()).isEmpty();
    assertThat(visibility.scopeOf(member).everything()).isFalse();

    String audit =
        clients
            .as("admin")
            .get("/fhir/AuditEvent?agent-identifier=admin&subtype=visibility-groups")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).contains("group " + group + " removed");
  }

  @Test
  void badChangesAreRefusedAndChangeNothing() {
    assertOutcome(put("oncology", "{\"resourceType\":\"Parameters\"}"), 409, "configuration");
    assertOutcome(
        put(
            "x1",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"unit\",\"valueString\":\"a b\"}]}"),
        400,
        "parameter[0] 'unit'");
    assertOutcome(
        put(
            "x1",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"colour\",\"valueString\":\"red\"}]}"),
        400,
        "unknown parameter");
    assertOutcome(
        put(
            "x1",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"allUnits\",\"valueString\":\"yes\"}]}"),
        400,
        "allUnits");
    assertOutcome(put("x1", "{nope"), 400, "Parameters");
    assertOutcome(put("-bad", "{\"resourceType\":\"Parameters\"}"), 400, "group name");
    assertOutcome(clients.as("admin").delete("/ccp/groups/never-there"), 404, "never-there");
    assertThat(clients.as("admin").get("/ccp/groups").asString()).doesNotContain("\"x1\"");
    // the page's users: admins only
    assertThat(clients.as("datamanager").get("/ccp/groups").statusCode()).isEqualTo(403);
    assertThat(clients.anonymous().get("/ccp/groups").statusCode()).isEqualTo(401);
  }

  private Response put(String group, String body) {
    return clients
        .as("admin")
        .contentType("application/fhir+json")
        .body(body)
        .put("/ccp/groups/" + group);
  }

  private static void assertOutcome(Response response, int status, String text) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
    assertThat(response.jsonPath().getString("issue[0].diagnostics")).contains(text);
  }
}
