package org.ccpfhir.bridgehead.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.testsupport.Prometheus;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** Prometheus metrics and the certificate status, on the shared bridgehead context. */
class OperationsIT extends PostgresIT {

  @Test
  void prometheusIsRefusedWithoutTheMetricsRoleAndShowsTheCustomMetricsWithIt() {
    clients.anonymous().get("/actuator/prometheus").then().statusCode(401);
    for (String user : new String[] {"datamanager", "approver", "researcher"}) {
      clients.as(user).get("/actuator/prometheus").then().statusCode(403);
    }
    clients.as("admin").get("/actuator/prometheus").then().statusCode(200);

    double bundlesBefore =
        Prometheus.value(
            Prometheus.scrape(clients), "ccp_ingest_bundles_total\\{source=\"bundle\"");
    double resourcesBefore =
        Prometheus.value(
            Prometheus.scrape(clients), "ccp_ingest_resources_total\\{source=\"bundle\"");
    Bundle bundle = patients().ingest("datamanager").bundle();

    String metrics = Prometheus.scrape(clients);
    assertThat(Prometheus.value(metrics, "ccp_ingest_bundles_total\\{source=\"bundle\""))
        .isGreaterThanOrEqualTo(bundlesBefore + 1);
    assertThat(Prometheus.value(metrics, "ccp_ingest_resources_total\\{source=\"bundle\""))
        .isGreaterThanOrEqualTo(resourcesBefore + bundle.getEntry().size());
    assertThat(metrics)
        .contains("ccp_queue_length{queue=\"search-agent-outbox\"")
        .contains("ccp_queue_length{queue=\"search-agent-unevaluated\"")
        .contains("ccp_queue_length{queue=\"upload-pending\"");
    assertThat(
            Prometheus.value(metrics, "ccp_certificate_remaining_days\\{certificate=\"component\""))
        .isPositive();
    assertThat(Prometheus.value(metrics, "ccp_certificate_remaining_days\\{certificate=\"ca\""))
        .isPositive();
  }

  @Test
  void theCertificateStatusIsForAdminsOnly() {
    clients.anonymous().get("/actuator/info").then().statusCode(401);
    clients.as("datamanager").get("/actuator/info").then().statusCode(403);

    var info =
        clients.as("admin").get("/actuator/info").then().statusCode(200).extract().jsonPath();

    assertThat(info.getString("certificate.component")).isEqualTo("bridgehead.HD");
    assertThat(info.getLong("certificate.daysLeft")).isPositive();
    assertThat(info.getLong("certificate.caDaysLeft")).isPositive();
    assertThat(info.getString("certificate.serial"))
        .isEqualTo(tls.credential().certificate().getSerialNumber().toString(16));
  }

  @Test
  void healthShowsTheCertificateComponentToEveryoneAndItsDaysLeftToAdminsAndMonitoring() {
    var anonymous =
        clients.anonymous().get("/actuator/health").then().statusCode(200).extract().jsonPath();
    assertThat(anonymous.getString("components.certificate.status")).isEqualTo("UP");
    assertThat(anonymous.getMap("components.certificate")).doesNotContainKey("details");
    clients
        .as("datamanager")
        .get("/actuator/health")
        .then()
        .statusCode(200)
        .body("components.certificate.details", org.hamcrest.Matchers.nullValue());

    var admin =
        clients.as("admin").get("/actuator/health").then().statusCode(200).extract().jsonPath();
    assertThat(admin.getString("components.certificate.details.component"))
        .isEqualTo("bridgehead.HD");
    assertThat(admin.getLong("components.certificate.details.daysLeft")).isPositive();
    assertThat(admin.getLong("components.certificate.details.caDaysLeft")).isPositive();
    assertThat(
            clients
                .anonymous()
                .auth()
                .oauth2(clients.applicationToken(Prometheus.CLIENT_ID, Prometheus.CLIENT_SECRET))
                .get("/actuator/health")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("components.certificate.details.daysLeft"))
        .isPositive();
  }
}
