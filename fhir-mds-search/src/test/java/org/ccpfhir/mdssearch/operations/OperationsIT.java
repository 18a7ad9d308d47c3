package org.ccpfhir.mdssearch.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.testsupport.Prometheus;
import org.junit.jupiter.api.Test;

/** Prometheus metrics of the central search, on the module's shared IT context. */
class OperationsIT extends MdsSearchItSupport {

  @Test
  void prometheusIsRefusedWithoutTheMetricsRoleAndShowsTheCustomMetricsWithIt() {
    anonymous().get("/actuator/prometheus").then().statusCode(401);
    as("researcher").get("/actuator/prometheus").then().statusCode(403);
    as("admin").get("/actuator/prometheus").then().statusCode(200);

    double countsBefore =
        Prometheus.value(Prometheus.scrape(clients()), "ccp_count_latency_seconds_count");
    as("researcher").get("/fhir/Patient?gender=female&_summary=count").then().statusCode(200);

    String metrics = Prometheus.scrape(clients());
    assertThat(Prometheus.value(metrics, "ccp_count_latency_seconds_count"))
        .isGreaterThanOrEqualTo(countsBefore + 1);
    assertThat(metrics)
        .contains("ccp_count_latency_seconds_bucket")
        .contains("ccp_queue_length{queue=\"broker-open-tasks\"");
    assertThat(
            Prometheus.value(metrics, "ccp_certificate_remaining_days\\{certificate=\"component\""))
        .isPositive();
  }
}
