package org.ccpfhir.mdssearch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import java.util.List;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.junit.jupiter.api.Test;

/**
 * The central search takes no batch or transaction Bundles: wrapping the admin-only audit trail in
 * one gets a researcher (or an admin) a clean 4xx with an OperationOutcome, never the entries.
 */
class BatchBundleIT extends MdsSearchItSupport {

  @Test
  void aBatchOrTransactionIsRefusedWithAnOperationOutcome() {
    for (String user : List.of("researcher", "admin")) {
      for (BundleType type : List.of(BundleType.BATCH, BundleType.TRANSACTION)) {
        Bundle bundle = new Bundle().setType(type);
        bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("AuditEvent");
        bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?_summary=count");
        Response response =
            as(user)
                .contentType("application/fhir+json")
                .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle))
                .post("/fhir");

        assertThat(response.statusCode()).as(user + " " + type).isBetween(400, 499);
        response.then().body("resourceType", equalTo("OperationOutcome"));
        assertThat(response.asString()).doesNotContain("AuditEvent\",\"id");
      }
    }
  }
}
