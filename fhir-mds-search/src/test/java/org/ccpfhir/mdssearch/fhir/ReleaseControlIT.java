package org.ccpfhir.mdssearch.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Releases are audited with their true values; budgets end in 429. */
class ReleaseControlIT extends MdsSearchItSupport {

  @Autowired MdsStoreService store;

  @BeforeEach
  void load() {
    CountTestData.load(store);
  }

  @Test
  void everyReleaseIsAuditedWithTrueAndReleasedValues() throws Exception {
    as("researcher").get("/fhir/Condition?code=C97&_summary=count").then().statusCode(200);
    Thread.sleep(300);
    String audit =
        as("admin")
            .get("/fhir/AuditEvent?subtype=release&_count=100")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).contains("Condition?code=C97").contains("patients true=3 released=<10");
  }

  @Test
  void anExhaustedBudgetIs429() {
    int status = 200;
    for (int i = 0; i < 41 && status == 200; i++) {
      status = as("budget").get("/fhir/Patient?gender=female&_summary=count").statusCode();
    }
    as("budget")
        .get("/fhir/Patient?gender=female&_summary=count")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("40 queries per hour"));
  }
}
