package org.ccpfhir.bridgehead.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.SiteBundles.patientOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Batch and transaction entries pass the same access rules as the direct requests they stand for:
 * the attacks of issue 16 (the audit trail and the approver listing read through a batch, an
 * AuditEvent created by a batch entry), their variants (URL spellings, a resource of another type
 * than the URL, nested Bundles), and what must keep working.
 */
class BatchEntryAccessIT extends PostgresIT {

  @Autowired AuditRecorder recorder;

  @Test
  void theAuditTrailAndTheApproverListingCannotBeReadThroughABatch() {
    for (RequestSpecification caller : List.of(fhir(), clinicalSystem())) {
      for (BundleType type : List.of(BundleType.BATCH, BundleType.TRANSACTION)) {
        Bundle bundle = new Bundle().setType(type);
        get(bundle, "Patient?_count=1");
        get(bundle, "AuditEvent?_count=50");
        caller
            .body(json(bundle))
            .post()
            .then()
            .statusCode(403)
            .body("resourceType", equalTo("OperationOutcome"))
            .body("issue.code", hasItem("forbidden"))
            .body("issue.diagnostics", hasItem(containsString("Bundle.entry[1]: GET AuditEvent")));

        Bundle listing = new Bundle().setType(type);
        get(listing, "$search-requests");
        caller
            .body(json(listing))
            .post()
            .then()
            .statusCode(403)
            .body(
                "issue.diagnostics",
                hasItem(containsString("Bundle.entry[0]: GET $search-requests")));
      }
    }
  }

  @Test
  void aBatchEntryCannotCreateAnAuditEventUnderItsOwnOrAnotherTypesUrl() {
    for (String url : List.of("AuditEvent", "Basic")) {
      for (BundleType type : List.of(BundleType.BATCH, BundleType.TRANSACTION)) {
        Bundle bundle = new Bundle().setType(type);
        AuditEvent forged = new AuditEvent();
        forged.setOutcomeDesc("forged " + UUID.randomUUID());
        bundle.addEntry().setResource(forged).getRequest().setMethod(HTTPVerb.POST).setUrl(url);
        fhir()
            .body(json(bundle))
            .post()
            .then()
            .statusCode(403)
            .body("issue.diagnostics", hasItem(containsString("Bundle.entry[0]: POST")));
      }
    }
  }

  @Test
  void everySpellingOfAProtectedUrlIsRefused() {
    List<String> spellings =
        List.of(
            "/AuditEvent",
            "//AuditEvent",
            "AuditEvent/",
            "AuditEvent?",
            "%41uditEvent",
            "AuditEvent/_history",
            "AuditEvent/1",
            "Patient/../AuditEvent",
            "./AuditEvent",
            "AuditEvent;x=1",
            "https://localhost:" + port + "/fhir/AuditEvent",
            "https://elsewhere.example/fhir/AuditEvent",
            "$search-requests?status=open",
            "/$search-requests",
            "%24search-requests");
    for (String url : spellings) {
      Bundle bundle = new Bundle().setType(BundleType.BATCH);
      get(bundle, url);
      int status = fhir().body(json(bundle)).post().then().extract().statusCode();
      assertThat(status).as(url).isIn(400, 403);
    }
  }

  @Test
  void theEntriesOfANestedBundleAreCheckedToo() {
    Bundle inner = new Bundle().setType(BundleType.BATCH);
    get(inner, "AuditEvent");
    Bundle outer = new Bundle().setType(BundleType.BATCH);
    outer.addEntry().setResource(inner).getRequest().setMethod(HTTPVerb.POST).setUrl("Bundle");

    fhir()
        .body(json(outer))
        .post()
        .then()
        .statusCode(403)
        .body(
            "issue.diagnostics",
            hasItem(containsString("Bundle.entry[0].resource.entry[0]: GET AuditEvent")));
  }

  @Test
  void aRefusedEntryRefusesTheWholeTransactionStoresNothingAndIsAudited() {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.PUT, false)
            .patient(0);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    int index = bundle.getEntry().size();
    get(bundle, "AuditEvent?agent-identifier=admin");

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(403)
        .body("issue.diagnostics", hasItem(containsString("Bundle.entry[" + index + "]")))
        .body("issue.diagnostics", everyItem(not(containsString(id.getValue()))))
        .body("issue.diagnostics", everyItem(not(containsString("agent-identifier=admin"))));

    fhir()
        .get("/Patient?identifier=" + id.getSystem() + "|" + id.getValue())
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    recorder.flush();
    String audit =
        clients
            .as("admin")
            .queryParam("agent-identifier", "datamanager")
            .queryParam("subtype", "transaction")
            .queryParam("_count", 50)
            .get("/fhir/AuditEvent")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).contains("Bundle.entry[" + index + "]").contains("\"outcome\":\"4\"");
  }

  @Test
  void aDataManagersBatchOfPatientReadsAndSearchesIsAnswered() {
    for (RequestSpecification caller : List.of(fhir(), clinicalSystem())) {
      Bundle bundle = new Bundle().setType(BundleType.BATCH);
      get(bundle, "Patient?_count=1");
      get(bundle, "Patient?_summary=count");
      get(bundle, "Condition?_count=1");
      caller
          .body(json(bundle))
          .post()
          .then()
          .statusCode(200)
          .body("type", equalTo("batch-response"))
          .body("entry.response.status", everyItem(containsString("200")));
    }
  }

  private RequestSpecification clinicalSystem() {
    return clients
        .anonymous()
        .auth()
        .oauth2(clients.applicationToken("clinical-system", "clinical-system-demo"))
        .baseUri(baseUrl())
        .contentType("application/fhir+json");
  }

  private static void get(Bundle bundle, String url) {
    bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl(url);
  }

  private String json(Resource resource) {
    return fhirContext.newJsonParser().encodeResourceToString(resource);
  }
}
