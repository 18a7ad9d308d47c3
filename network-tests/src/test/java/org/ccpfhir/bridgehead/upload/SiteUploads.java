package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What the upload tests do at one site's bridgehead through its REST API, as the site's data
 * manager and admins would: ingest patients, record and withdraw Consents, switch local-consent
 * upload (four eyes), run the upload.
 */
public final class SiteUploads {

  private final SecureClients clients;
  private final FhirContext fhir;
  private final String site;

  public SiteUploads(SecureClients clients, FhirContext fhir, String site) {
    this.clients = clients;
    this.fhir = fhir;
    this.site = site;
  }

  /** A patient as the clinical system sends it (with IDAT), and its id in this store. */
  public record Ingested(String id, Patient idat) {}

  /** Ingests {@code count} new patients in one transaction. */
  public List<Ingested> ingest(int count, boolean withConditions) {
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(
            UUID.randomUUID().getMostSignificantBits(), site, EntryMode.POST, true);
    return ingest(generator.patients(0, count).toList(), withConditions);
  }

  /**
   * Ingests the given patient bundles (with IDAT) in one transaction; without conditions only their
   * Patient resources.
   */
  public List<Ingested> ingest(List<Bundle> bundles, boolean withConditions) {
    List<Patient> idat = new ArrayList<>();
    for (Bundle bundle : bundles) {
      if (!withConditions) {
        bundle.getEntry().removeIf(e -> !(e.getResource() instanceof Patient));
      }
      idat.add(((Patient) bundle.getEntryFirstRep().getResource()).copy());
    }
    Bundle transaction = SyntheticPatientGenerator.merge(bundles);
    Response response = fhir().body(json().encodeResourceToString(transaction)).post();
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    List<String> ids =
        json().parseResource(Bundle.class, response.asString()).getEntry().stream()
            .map(e -> e.getResponse().getLocation())
            .filter(l -> l != null && l.startsWith("Patient/"))
            .map(l -> l.split("/")[1])
            .toList();
    assertThat(ids).hasSize(bundles.size());
    List<Ingested> ingested = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      ingested.add(new Ingested(ids.get(i), idat.get(i)));
    }
    return ingested;
  }

  /** The stored Patient (with the site's local pseudonym, without IDAT). */
  public Patient stored(String patientId) {
    return json().parseResource(Patient.class, fhir().get("/Patient/" + patientId).asString());
  }

  /** The site's local pseudonym (BK-site-L value) of a stored patient. */
  public String bkLocal(String patientId) {
    return stored(patientId).getIdentifier().stream()
        .filter(i -> i.getSystem().endsWith("/BK-" + site + "-L"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  /** The site's global pseudonym (BK-site-G value) of a patient with network consent. */
  public String bkGlobal(String patientId) {
    Parameters input = new Parameters();
    input.addParameter("target", new StringType("BK-G"));
    input.addParameter("original", new StringType(bkLocal(patientId)));
    Response response = fhir().body(json().encodeResourceToString(input)).post("/$pseudonymize");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return json()
        .parseResource(Parameters.class, response.asString())
        .getParameterFirstRep()
        .getPart()
        .stream()
        .filter(p -> p.getName().equals("pseudonym"))
        .map(p -> ((Identifier) p.getValue()).getValue())
        .findFirst()
        .orElseThrow();
  }

  /** The data manager records a Consent; returns its id. */
  public String consent(String patientId, String policy) {
    Consent consent = ConsentResources.consent("Patient/" + patientId, policy);
    Response response = fhir().body(json().encodeResourceToString(consent)).post("/Consent");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    return json().parseResource(Consent.class, response.asString()).getIdElement().getIdPart();
  }

  public void withdraw(String consentId) {
    Consent consent =
        json().parseResource(Consent.class, fhir().get("/Consent/" + consentId).asString());
    consent.setStatus(Consent.ConsentState.INACTIVE);
    fhir()
        .body(json().encodeResourceToString(consent))
        .put("/Consent/" + consentId)
        .then()
        .statusCode(200);
  }

  /** {@code $upload} on demand; returns the run's part of the answer. */
  public Parameters.ParametersParameterComponent upload(int expectedStatus) {
    Response response =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(clients.fhirBase() + "/$upload");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(expectedStatus);
    return json().parseResource(Parameters.class, response.asString()).getParameter("run");
  }

  /** The statuses of the last runs, newest first ({@code $upload-status}). */
  public List<String> runStatuses() {
    Response response = clients.as("datamanager").get(clients.fhirBase() + "/$upload-status");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return json().parseResource(Parameters.class, response.asString()).getParameter().stream()
        .map(SiteUploads::status)
        .toList();
  }

  public static int count(Parameters.ParametersParameterComponent run, String name) {
    return run.getPart().stream()
        .filter(p -> p.getName().equals(name))
        .map(p -> ((IntegerType) p.getValue()).getValue())
        .findFirst()
        .orElseThrow();
  }

  public static String status(Parameters.ParametersParameterComponent run) {
    return run.getPart().stream()
        .filter(p -> p.getName().equals("status"))
        .map(p -> p.getValue().primitiveValue())
        .findFirst()
        .orElseThrow();
  }

  /** One admin proposes, the proposer cannot confirm, a second admin confirms. */
  public void localUpload(boolean enabled) {
    Parameters proposal = new Parameters();
    proposal.addParameter("enabled", new BooleanType(enabled));
    Response proposed = setting("admin", proposal);
    assertThat(proposed.statusCode()).as(proposed.asString()).isEqualTo(200);
    int id =
        json()
            .parseResource(Parameters.class, proposed.asString())
            .getParameter("proposal")
            .getPart()
            .stream()
            .filter(p -> p.getName().equals("id"))
            .map(p -> ((IntegerType) p.getValue()).getValue())
            .findFirst()
            .orElseThrow();
    Parameters confirm = new Parameters();
    confirm.addParameter("confirm", new IntegerType(id));
    Response own = setting("admin", confirm);
    assertThat(own.statusCode()).isEqualTo(422);
    assertThat(own.asString()).contains("OperationOutcome", "different admin");
    Response confirmed = setting("admin2", confirm);
    assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
    assertThat(confirmed.asString()).contains("\"valueBoolean\":" + enabled);
  }

  private Response setting(String admin, Parameters parameters) {
    return clients
        .as(admin)
        .contentType("application/fhir+json")
        .body(json().encodeResourceToString(parameters))
        .post(clients.fhirBase() + "/$local-upload-setting");
  }

  private io.restassured.specification.RequestSpecification fhir() {
    return clients
        .as("datamanager")
        .baseUri(clients.fhirBase())
        .contentType("application/fhir+json");
  }

  private IParser json() {
    return fhir.newJsonParser();
  }
}
