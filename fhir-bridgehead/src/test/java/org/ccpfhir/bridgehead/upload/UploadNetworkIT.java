package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.identity.fhir.IdatParameters;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Teiler end to end over mutual TLS on loopback: this bridgehead (site HD), the identity
 * network (control-number generator, central patient list) and the MDS database, each its own
 * Spring application; the tests act as a second site (TUE) with that site's certificate.
 */
class UploadNetworkIT extends PostgresIT {

  JdbcTemplate mds;
  IdentityNetwork network;
  SiteClient tue;

  @BeforeEach
  void network() {
    network = IdentityNetwork.shared();
    mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);
  }

  /** A patient as the clinical system sends it (with IDAT), and its id in this store. */
  record Ingested(String id, Patient idat) {}

  Ingested ingest(boolean withConditions) {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, true)
            .patient(0);
    if (!withConditions) {
      bundle.getEntry().removeIf(e -> !(e.getResource() instanceof Patient));
    }
    Patient idat = ((Patient) bundle.getEntryFirstRep().getResource()).copy();
    Response response =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(bundle)).post();
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    Bundle answer = fhirContext.newJsonParser().parseResource(Bundle.class, response.asString());
    String id =
        answer.getEntry().stream()
            .map(e -> e.getResponse().getLocation())
            .filter(l -> l != null && l.startsWith("Patient/"))
            .map(l -> l.split("/")[1])
            .findFirst()
            .orElseThrow();
    return new Ingested(id, idat);
  }

  /** The data manager records a Consent; returns its id. */
  String consent(String patientId, String policy) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(
        new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "research", null)));
    consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("57016-8");
    consent.setPatient(new Reference("Patient/" + patientId));
    consent.getPolicyRule().addCoding().setSystem(NetworkConsent.POLICY_SYSTEM).setCode(policy);
    consent
        .getProvision()
        .setType(
            NetworkConsent.OBJECTION.equals(policy)
                ? Consent.ConsentProvisionType.DENY
                : Consent.ConsentProvisionType.PERMIT);
    Response response =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(consent)).post("/Consent");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    return fhirContext
        .newJsonParser()
        .parseResource(Consent.class, response.asString())
        .getIdElement()
        .getIdPart();
  }

  void withdraw(String consentId) {
    Consent consent =
        fhirContext
            .newJsonParser()
            .parseResource(Consent.class, fhir().get("/Consent/" + consentId).asString());
    consent.setStatus(Consent.ConsentState.INACTIVE);
    fhir()
        .body(fhirContext.newJsonParser().encodeResourceToString(consent))
        .put("/Consent/" + consentId)
        .then()
        .statusCode(200);
  }

  Parameters.ParametersParameterComponent upload(int expectedStatus) {
    Response response =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(baseUrl() + "/$upload");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(expectedStatus);
    return fhirContext
        .newJsonParser()
        .parseResource(Parameters.class, response.asString())
        .getParameter("run");
  }

  static int count(Parameters.ParametersParameterComponent run, String name) {
    return run.getPart().stream()
        .filter(p -> p.getName().equals(name))
        .map(p -> ((org.hl7.fhir.r4.model.IntegerType) p.getValue()).getValue())
        .findFirst()
        .orElseThrow();
  }

  static String status(Parameters.ParametersParameterComponent run) {
    return run.getPart().stream()
        .filter(p -> p.getName().equals("status"))
        .map(p -> p.getValue().primitiveValue())
        .findFirst()
        .orElseThrow();
  }

  void localUpload(boolean enabled) {
    Parameters proposal = new Parameters();
    proposal.addParameter("enabled", new org.hl7.fhir.r4.model.BooleanType(enabled));
    Response proposed = setting("admin", proposal);
    assertThat(proposed.statusCode()).as(proposed.asString()).isEqualTo(200);
    int id =
        fhirContext
            .newJsonParser()
            .parseResource(Parameters.class, proposed.asString())
            .getParameter("proposal")
            .getPart()
            .stream()
            .filter(p -> p.getName().equals("id"))
            .map(p -> ((org.hl7.fhir.r4.model.IntegerType) p.getValue()).getValue())
            .findFirst()
            .orElseThrow();
    Parameters confirm = new Parameters();
    confirm.addParameter("confirm", new org.hl7.fhir.r4.model.IntegerType(id));
    // four eyes: the proposer cannot confirm
    Response own = setting("admin", confirm);
    assertThat(own.statusCode()).isEqualTo(422);
    assertThat(own.asString()).contains("OperationOutcome", "different admin");
    Response confirmed = setting("admin2", confirm);
    assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
    assertThat(confirmed.asString()).contains("\"valueBoolean\":" + enabled);
  }

  Response setting(String admin, Parameters parameters) {
    return clients
        .as(admin)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(parameters))
        .post(baseUrl() + "/$local-upload-setting");
  }

  /** The MDS*G-ID of a person, as site TUE learns it sealed and the MDS database opens it. */
  String mdsIdAtTue(Patient idat) {
    Parameters person = new Parameters();
    person.addParameter(
        "firstName", new StringType(idat.getNameFirstRep().getGivenAsSingleString()));
    person.addParameter("lastName", new StringType(idat.getNameFirstRep().getFamily()));
    person.addParameter("birthDate", new DateType(idat.getBirthDateElement().getValueAsString()));
    person.addParameter("sex", new CodeType(idat.getGender().toCode()));
    Parameters ticket =
        tue.call(
            IdentityNetwork.url(network.generator),
            "$control-number-ticket",
            IdatParameters.toParameters(IdatParameters.read(person).get(0)));
    Parameters redeem = new Parameters();
    redeem.addParameter().setName("ticket").setValue(ticket.getParameter("ticket").getValue());
    Parameters global =
        tue.call(IdentityNetwork.url(network.centralList), "$redeem-ticket", redeem);
    String bkTue =
        ((org.hl7.fhir.r4.model.Identifier)
                global.getParameter("pseudonym").getPart().stream()
                    .filter(p -> p.getName().equals("pseudonym"))
                    .findFirst()
                    .orElseThrow()
                    .getValue())
            .getValue();
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(bkTue));
    input.addParameter("target", new CodeType(MdsUploadContract.REENCRYPT_TARGET));
    byte[] sealed =
        ((Base64BinaryType)
                tue.call(IdentityNetwork.url(network.centralList), "$reencrypt", input)
                    .getParameter("encryptedPseudonym")
                    .getValue())
            .getValue();
    // TUE's own upload of this person
    Parameters batch = new Parameters();
    Parameters.ParametersParameterComponent entry = batch.addParameter().setName("entry");
    entry.addPart().setName("pseudonym").setValue(new Base64BinaryType(sealed));
    entry.addPart().setName("action").setValue(new CodeType("upsert"));
    Patient minimal = new Patient();
    minimal.setGender(idat.getGender());
    Bundle tueData = new Bundle().setType(Bundle.BundleType.COLLECTION);
    tueData.addEntry().setResource(minimal);
    entry.addPart().setName("bundle").setResource(tueData);
    byte[] envelope =
        Envelopes.seal(
            fhirContext
                .newJsonParser()
                .encodeResourceToString(batch)
                .getBytes(StandardCharsets.UTF_8),
            network.siteTue,
            network.mdsSearch.certificate());
    Parameters request = new Parameters();
    request.addParameter().setName("envelope").setValue(new Base64BinaryType(envelope));
    tue.call(IdentityNetwork.url(MdsDatabase.shared()), "$mds-upload", request);
    return new String(
        Envelopes.open(sealed, network.mdsSearch, tls.verifier()).payload(),
        StandardCharsets.US_ASCII);
  }

  List<String> central(String site) {
    return mds.queryForList("SELECT mds_id FROM mds_record WHERE site = ?", String.class, site);
  }

  @Test
  void patientsEndUpCentrallyExactlyAsTheirConsentAllows() {
    localUpload(false);
    Ingested network = ingest(true);
    Ingested local = ingest(true);
    Ingested none = ingest(true);
    Ingested irrelevant = ingest(false);
    Ingested objecting = ingest(true);
    String networkConsent = consent(network.id(), NetworkConsent.NETWORK);
    consent(local.id(), NetworkConsent.LOCAL_UPLOAD);
    consent(irrelevant.id(), NetworkConsent.NETWORK);
    consent(objecting.id(), NetworkConsent.NETWORK);
    List<String> before = central("HD");

    Parameters.ParametersParameterComponent first = upload(200);

    assertThat(status(first)).isEqualTo("completed");
    List<String> added = new ArrayList<>(central("HD"));
    added.removeAll(before);
    // network consent: under the person's MDS*G-ID; local consent waits for the site's switch
    assertThat(added).hasSize(2).noneMatch(id -> id.startsWith("L-"));
    String mdsId = mdsIdAtTue(network.idat());
    assertThat(added).contains(mdsId);
    // the same person at TUE has the same MDS*G-ID
    assertThat(central("TUE")).contains(mdsId);
    Map<String, Object> record =
        mds.queryForMap(
            "SELECT bundle_json FROM mds_record WHERE site = 'HD' AND mds_id = ?", mdsId);
    String json = (String) record.get("bundle_json");
    assertThat(json)
        .doesNotContain(network.idat().getNameFirstRep().getFamily())
        .doesNotContain(network.idat().getBirthDateElement().getValueAsString())
        .doesNotContain("BK-HD")
        .contains(network.idat().getBirthDateElement().getValueAsString().substring(0, 7));

    // re-running changes nothing
    Parameters.ParametersParameterComponent again = upload(200);
    assertThat(count(again, "uploaded")).isZero();
    assertThat(count(again, "deleted")).isZero();
    assertThat(central("HD")).containsExactlyInAnyOrderElementsOf(new ArrayList<>(central("HD")));

    // the site switches local-consent upload on (four eyes): the local patient goes up, under L-
    localUpload(true);
    upload(200);
    List<String> withLocal = new ArrayList<>(central("HD"));
    withLocal.removeAll(before);
    assertThat(withLocal).hasSize(3).anyMatch(id -> id.startsWith("L-"));

    // objection: removed centrally, and ingest refuses the patient's data
    consent(objecting.id(), NetworkConsent.OBJECTION);
    // network consent withdrawn: removed centrally (TUE's record of the person stays)
    withdraw(networkConsent);
    Parameters.ParametersParameterComponent withdrawn = upload(200);
    assertThat(count(withdrawn, "deleted")).isEqualTo(2);
    List<String> after = new ArrayList<>(central("HD"));
    after.removeAll(before);
    assertThat(after).hasSize(1).allMatch(id -> id.startsWith("L-"));
    assertThat(central("TUE")).contains(mdsId);

    Patient update = new Patient();
    update.setId(objecting.id());
    update.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    Response refused =
        fhir()
            .body(fhirContext.newJsonParser().encodeResourceToString(update))
            .put("/Patient/" + objecting.id());
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat(refused.asString()).contains("OperationOutcome", "objection");
    localUpload(false);
  }

  /** Fails the n-th upload request at the MDS database: a crash in the middle of a run. */
  @Interceptor
  static class FailingUpload {
    final AtomicInteger requests = new AtomicInteger();
    final int failAt;

    FailingUpload(int failAt) {
      this.failAt = failAt;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void incoming(RequestDetails request) {
      if (MdsUploadContract.OPERATION.equals(request.getOperation())
          && requests.incrementAndGet() == failAt) {
        throw new InternalErrorException("simulated crash of the MDS database");
      }
    }
  }

  @Test
  void anInterruptedRunResumesWithoutLossOrDuplicates() {
    List<Ingested> patients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Ingested patient = ingest(true);
      consent(patient.id(), NetworkConsent.NETWORK);
      patients.add(patient);
    }
    int before = central("HD").size();
    RestfulServer server = MdsDatabase.shared().getBean(RestfulServer.class);
    FailingUpload crash = new FailingUpload(2);
    server.registerInterceptor(crash);
    Parameters.ParametersParameterComponent interrupted;
    try {
      interrupted = upload(200);
    } finally {
      server.unregisterInterceptor(crash);
    }
    assertThat(status(interrupted)).isEqualTo("failed");
    int afterCrash = central("HD").size() - before;
    assertThat(afterCrash).isBetween(1, 4).isEqualTo(count(interrupted, "uploaded"));

    Parameters.ParametersParameterComponent resumed = upload(200);

    assertThat(status(resumed)).isEqualTo("completed");
    assertThat(count(resumed, "uploaded")).isEqualTo(5 - afterCrash);
    List<String> all = central("HD");
    assertThat(all.size() - before).isEqualTo(5);
    assertThat(all).doesNotHaveDuplicates();
    assertThat(count(upload(200), "uploaded")).isZero();
  }

  @Test
  void onlyAdminsAndDataManagersUploadAndSeeTheStatus() {
    clients
        .as("researcher")
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Parameters\"}")
        .post(baseUrl() + "/$upload")
        .then()
        .statusCode(403);
    clients.as("approver").get(baseUrl() + "/$upload-status").then().statusCode(403);
    clients.anonymous().post("/fhir/$upload").then().statusCode(401);
    Response status = clients.as("admin").get(baseUrl() + "/$upload-status?count=3");
    assertThat(status.statusCode()).as(status.asString()).isEqualTo(200);
    // admins manage the switch; data managers cannot
    clients.as("datamanager").post(baseUrl() + "/$local-upload-setting").then().statusCode(403);
  }
}
