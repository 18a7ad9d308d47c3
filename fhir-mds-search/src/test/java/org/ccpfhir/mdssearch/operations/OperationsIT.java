package org.ccpfhir.mdssearch.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.junit.jupiter.api.Test;

/** Prometheus metrics of the central search, on the module's shared IT context. */
class OperationsIT extends MdsSearchItSupport {

  @Test
  void prometheusIsRefusedWithoutTheMetricsRoleAndShowsTheCustomMetricsWithIt() {
    anonymous().get("/actuator/prometheus").then().statusCode(401);
    as("researcher").get("/actuator/prometheus").then().statusCode(403);
    as("admin").get("/actuator/prometheus").then().statusCode(200);

    double countsBefore = value(scrape(), "ccp_count_latency_seconds_count");
    as("researcher").get("/fhir/Patient?gender=female&_summary=count").then().statusCode(200);

    String metrics = scrape();
    assertThat(value(metrics, "ccp_count_latency_seconds_count"))
        .isGreaterThanOrEqualTo(countsBefore + 1);
    assertThat(metrics)
        .contains("ccp_count_latency_seconds_bucket")
        .contains("ccp_queue_length{queue=\"broker-open-tasks\"");
    assertThat(value(metrics, "ccp_certificate_remaining_days\\{certificate=\"component\""))
        .isPositive();
  }

  /** As a Prometheus server scrapes: client credentials of an application with role metrics. */
  private String scrape() {
    String token =
        anonymous()
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", "prometheus")
            .formParam("client_secret", "prometheus-demo")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    return anonymous()
        .auth()
        .oauth2(token)
        .get("/actuator/prometheus")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + "[^ ]* (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("series %s in the scrape", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
