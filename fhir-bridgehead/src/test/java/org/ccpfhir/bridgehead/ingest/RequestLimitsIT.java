package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.SiteBundles.patientOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.SiteBundles;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** ccp.limits.* (security's RequestLimitFilter) on the bridgehead, with the default limits. */
class RequestLimitsIT extends PostgresIT {

  private static final int MIB = 1024 * 1024;

  @Test
  void aBodyOverTheSizeLimitIs413AndStoresNothing() {
    Bundle bundle = uniquePatientBundle();
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    // a valid bundle padded with whitespace past the 8 MB default
    byte[] body = (json(bundle) + " ".repeat(9 * MIB)).getBytes(StandardCharsets.UTF_8);

    fhir()
        .body(body)
        .post()
        .then()
        .statusCode(413)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.fhir-body")));

    assertThat(countPatients(id)).isZero();
    stillHealthy();
  }

  @Test
  void aChunkedBodyIsCountedWhileItIsRead() {
    Bundle bundle = uniquePatientBundle();
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    byte[] body = (json(bundle) + " ".repeat(9 * MIB)).getBytes(StandardCharsets.UTF_8);

    // an InputStream body goes out chunked, without Content-Length
    fhir()
        .body(new ByteArrayInputStream(body))
        .post()
        .then()
        .statusCode(413)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.fhir-body")));

    assertThat(countPatients(id)).isZero();
  }

  @Test
  void aBundleOverTheEntryLimitIs400AndStoresNothing() {
    Bundle bundle = uniquePatientBundle();
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    for (int i = bundle.getEntry().size(); i <= 5000; i++) {
      bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient?_count=1");
    }

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.bundle-entries")));

    assertThat(countPatients(id)).isZero();
  }

  @Test
  void deepNestingIs400AndStoresNothing() {
    Bundle bundle = uniquePatientBundle();
    Patient patient = patientOf(bundle);
    Identifier id = patient.getIdentifierFirstRep();
    Extension extension = patient.addExtension().setUrl("http://example.org/nested");
    for (int i = 0; i < 60; i++) {
      extension = extension.addExtension().setUrl("http://example.org/nested");
    }
    extension.setValue(new StringType("x"));

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(400)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.nesting-depth")));

    assertThat(countPatients(id)).isZero();
    stillHealthy();
  }

  @Test
  void theTokenEndpointRefusesOverLongNamesAndBodies() {
    clients
        .anonymous()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .formParam("username", "u".repeat(300))
        .formParam("password", "x")
        .post("/oauth2/token")
        .then()
        .statusCode(400)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.login-name-length")));
    clients
        .anonymous()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password")
        .formParam("username", "u".repeat(100_000))
        .formParam("password", "x")
        .post("/oauth2/token")
        .then()
        .statusCode(413)
        .body("issue.diagnostics", hasItem(containsString("ccp.limits.form-body")));
  }

  private void stillHealthy() {
    fhir().body(json(uniquePatientBundle())).post().then().statusCode(200);
    awaitHealthUp();
  }

  private static Bundle uniquePatientBundle() {
    long seed = UUID.randomUUID().getMostSignificantBits();
    return new SyntheticPatientGenerator(seed, "HD", EntryMode.POST, false).patient(0);
  }

  private int countPatients(Identifier identifier) {
    return SiteBundles.patientsWith(client, identifier).getEntry().size();
  }

  private String json(Bundle bundle) {
    return fhirContext.newJsonParser().encodeResourceToString(bundle);
  }
}
