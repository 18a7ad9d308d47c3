package org.ccpfhir.mdssearch.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.mdssearch.disclosure.QueryBudget;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Releases are audited with their true values; budgets end in 429. */
class ReleaseControlIT extends MdsSearchItSupport {

  @Autowired MdsStoreService store;
  @Autowired QueryBudget budget;

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
    // and durably, committed with the charge before the answer was sent
    assertThat(budget.releases("USER:researcher")).isPositive();
  }

  @Test
  void anExhaustedBudgetIs429AndTheRefusalIsNotCharged() {
    // the budget user's hourly budget (MdsSearchItSupport): 5,000 cells; a criteria query with all
    // four stratifiers releases 2 + 14 + 4 + 3 + 3 = 26 cells, a GET total one
    int status = 200;
    for (int i = 0; i < 200 && status == 200; i++) {
      status =
          as("budget")
              .contentType("application/fhir+json")
              .body(
                  "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"criteria\","
                      + "\"valueString\":\"Patient?gender=female\"}]}")
              .post("/fhir/Measure/$evaluate-measure")
              .statusCode();
    }
    assertThat(status).isEqualTo(429);
    long spent = budget.spent("USER:budget");
    assertThat(spent).isLessThanOrEqualTo(5000).isGreaterThan(5000 - 26);
    // what is left is spent by one-cell totals; then the refusal says which budget
    int totals = 0;
    while (as("budget").get("/fhir/Patient?gender=female&_summary=count").statusCode() == 200) {
      totals++;
    }
    assertThat(spent + totals).isEqualTo(5000);
    as("budget")
        .get("/fhir/Patient?gender=male&_summary=count")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("5000 cells per hour"));
    assertThat(budget.spent("USER:budget")).isLessThanOrEqualTo(5000);
  }
}
