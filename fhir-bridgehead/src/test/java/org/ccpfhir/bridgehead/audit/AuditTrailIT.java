package org.ccpfhir.bridgehead.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditPurgeJob;
import org.ccpfhir.security.audit.AuditRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admins search the bridgehead's audit trail through FHIR; old records are purged. */
class AuditTrailIT extends PostgresIT {

  @Autowired AuditRecorder recorder;
  @Autowired AuditPurgeJob purgeJob;

  @Test
  void adminsFindWhoDidWhatAsAuditEvents() {
    fhir().get("/Patient?_summary=count&_count=0").then().statusCode(200);
    clients.as("researcher").get("/fhir/Patient").then().statusCode(403);

    String bundle =
        clients
            .as("admin")
            .queryParam("agent-identifier", "researcher")
            .queryParam("_count", 5)
            .get("/fhir/AuditEvent")
            .then()
            .statusCode(200)
            .body("resourceType", equalTo("Bundle"))
            .extract()
            .asString();

    assertThat(bundle)
        .contains("\"researcher\"")
        .contains("\"outcome\":\"4\"")
        .contains("forbidden")
        .contains("bridgehead.HD");
    clients
        .as("admin")
        .queryParam("subtype", "search")
        .queryParam("agent-identifier", "datamanager")
        .get("/fhir/AuditEvent")
        .then()
        .statusCode(200)
        .body("entry.size()", org.hamcrest.Matchers.greaterThan(0));
  }

  @Test
  void recordsOlderThanTheRetentionArePurgedAndThePurgeIsAudited() {
    recorder.record(
        new AuditEntry(
            Instant.now().minus(Duration.ofDays(400)),
            new AuditAgent(AuditAgent.Kind.USER, "ancient-user", "HD", List.of(), null),
            null,
            "rest",
            "read",
            "R",
            "GET",
            "/fhir/Patient/1",
            null,
            200,
            "0",
            null));

    assertThat(purgeJob.purge()).isGreaterThanOrEqualTo(1);

    clients
        .as("admin")
        .queryParam("agent-identifier", "ancient-user")
        .get("/fhir/AuditEvent")
        .then()
        .statusCode(200)
        .body("total", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(), equalTo(0)));
    String purges =
        clients
            .as("admin")
            .queryParam("subtype", "purge")
            .get("/fhir/AuditEvent")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(purges).contains("purged");
  }
}
