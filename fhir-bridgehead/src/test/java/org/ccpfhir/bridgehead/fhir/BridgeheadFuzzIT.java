package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.fuzz.FuzzRun;
import org.ccpfhir.testsupport.fuzz.FuzzTarget;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile requests against the bridgehead as its data manager (who reaches most handlers):
 * no 5xx, every 4xx an OperationOutcome, healthy afterwards. The seed is printed; replay with
 * {@code -Dfuzz.seed=S}, more cases with {@code -Dfuzz.cases=N} (bench/fuzz.sh).
 */
class BridgeheadFuzzIT extends PostgresIT {

  @Test
  void hostileRequestsGetClientErrorsAndTheAppStaysUp() {
    FuzzRun.Result result =
        new FuzzRun(
                clients.root(),
                FuzzRun.trusting(tls.caCertificate()),
                request ->
                    request.header("Authorization", "Bearer " + clients.token("datamanager")))
            .run(target(), FuzzRun.seed(), FuzzRun.cases(600, 0.4));

    assertThat(result.failures()).as(result.summary()).isEmpty();
    assertThat(result.healthyAfter()).isTrue();
  }

  FuzzTarget target() {
    FuzzTarget target =
        new FuzzTarget("bridgehead")
            .post(
                "$pseudonymize",
                "target",
                "original",
                "patient",
                "firstName",
                "lastName",
                "birthDate",
                "sex",
                "formerName")
            .post("$import-obds", "document")
            .post(
                "$export-study",
                "study",
                "studyCertificate",
                "cohort",
                "patient",
                "k",
                "format",
                "column")
            .post("$access-request", "pseudonym")
            .get("$access-request-export", "case", "format")
            .get("$upload-status", "count")
            .post("$withdraw", "pseudonym", "mode")
            .get("$withdraw-status", "task", "count")
            .get("$withdraw-components", "task")
            .get("$withdraw-document", "task", "document")
            .get("$pseudonym-replacements")
            .post("$pseudonym-replacement-confirm", "replacement")
            .get("$local-review-list")
            .post("$local-review-decide", "review", "decision")
            .post("$local-upload-setting", "enabled", "confirm")
            .hapiBuiltIns()
            .search("Patient", "birthdate", "identifier", "gender", "_id", "name")
            .search("Observation", "code", "date", "subject", "value-quantity", "patient")
            .search("Condition", "code", "onset-date", "subject", "recorded-date")
            .search("Consent", "patient", "status", "date")
            .search("AuditEvent", "date", "agent", "type")
            .bodyPaths("", "Patient", "Observation", "Condition", "Consent")
            .formPaths("/oauth2/token")
            // admin's audit trail, the approver's listing and decisions: never through a batch
            .protectedEntry("GET", "AuditEvent")
            .protectedEntry("GET", "AuditEvent?_count=100")
            .protectedEntry("POST", "AuditEvent")
            .protectedEntry("DELETE", "AuditEvent/1")
            .protectedEntry("GET", "$search-requests")
            .protectedEntry("POST", "$search-requests")
            .protectedEntry("POST", "$search-decide");
    for (EntryMode mode : EntryMode.values()) {
      Bundle bundle = new SyntheticPatientGenerator(FuzzRun.seed(), "HD", mode, false).patient(0);
      target.validBody(fhirContext.newJsonParser().encodeResourceToString(bundle));
      target.validBody(
          fhirContext
              .newJsonParser()
              .encodeResourceToString(bundle.getEntryFirstRep().getResource()));
    }
    return target;
  }
}
