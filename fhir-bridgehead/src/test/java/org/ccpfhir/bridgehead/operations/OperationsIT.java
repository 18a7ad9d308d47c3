package org.ccpfhir.bridgehead.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
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

    double bundlesBefore = value(scrape(), "ccp_ingest_bundles_total\\{source=\"bundle\"");
    double resourcesBefore = value(scrape(), "ccp_ingest_resources_total\\{source=\"bundle\"");
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
            .patient(0);
    fhir()
        .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);

    String metrics = scrape();
    assertThat(value(metrics, "ccp_ingest_bundles_total\\{source=\"bundle\""))
        .isGreaterThanOrEqualTo(bundlesBefore + 1);
    assertThat(value(metrics, "ccp_ingest_resources_total\\{source=\"bundle\""))
        .isGreaterThanOrEqualTo(resourcesBefore + bundle.getEntry().size());
    assertThat(metrics)
        .contains("ccp_queue_length{queue=\"search-agent-outbox\"")
        .contains("ccp_queue_length{queue=\"search-agent-unevaluated\"")
        .contains("ccp_queue_length{queue=\"upload-pending\"");
    assertThat(value(metrics, "ccp_certificate_remaining_days\\{certificate=\"component\""))
        .isPositive();
    assertThat(value(metrics, "ccp_certificate_remaining_days\\{certificate=\"ca\"")).isPositive();
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
                .oauth2(metricsToken())
                .get("/actuator/health")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("components.certificate.details.daysLeft"))
        .isPositive();
  }

  /** As a Prometheus server scrapes: client credentials of an application with role metrics. */
  private String scrape() {
    return clients
        .anonymous()
        .auth()
        .oauth2(metricsToken())
        .get("/actuator/prometheus")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private String metricsToken() {
    return clients
        .anonymous()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", "prometheus")
        .formParam("client_secret", "prometheus-demo")
        .post("/oauth2/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + "[^ ]* (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("series %s in the scrape", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
