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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Teiler end to end over mutual TLS on loopback: this bridgehead (site HD), the identity
 * network (control-number generator, central patient list) and the MDS database, each its own
 * Spring application; the tests act as a second site (TUE) with that site's certificate.
 */
class UploadNetworkIT extends PostgresIT {

  @Autowired DataSource bridgeheadDatabase;
  @Autowired MdsPseudonyms pseudonyms;

  JdbcTemplate mds;
  JdbcTemplate bridgehead;
  IdentityNetwork network;
  SiteClient tue;
  SiteClient hd;

  @BeforeEach
  void network() {
    network = IdentityNetwork.shared();
    mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    bridgehead = new JdbcTemplate(bridgeheadDatabase);
    tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);
    hd = new SiteClient(tls.credential(), tls.caCertificate(), fhirContext);
  }

  /** A patient as the clinical system sends it (with IDAT), and its id in this store. */
  record Ingested(String id, Patient idat) {}

  /** Ingests {@code count} new patients in one transaction. */
  List<Ingested> ingest(int count, boolean withConditions) {
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(
            UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, true);
    List<Bundle> bundles = generator.patients(0, count).toList();
    List<Patient> idat = new ArrayList<>();
    for (Bundle bundle : bundles) {
      if (!withConditions) {
        bundle.getEntry().removeIf(e -> !(e.getResource() instanceof Patient));
      }
      idat.add(((Patient) bundle.getEntryFirstRep().getResource()).copy());
    }
    Bundle transaction = SyntheticPatientGenerator.merge(bundles);
    Response response =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(transaction)).post();
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    List<String> ids =
        fhirContext
            .newJsonParser()
            .parseResource(Bundle.class, response.asString())
            .getEntry()
            .stream()
            .map(e -> e.getResponse().getLocation())
            .filter(l -> l != null && l.startsWith("Patient/"))
            .map(l -> l.split("/")[1])
            .toList();
    assertThat(ids).hasSize(count);
    List<Ingested> ingested = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ingested.add(new Ingested(ids.get(i), idat.get(i)));
    }
    return ingested;
  }

  /** The key the MDS database holds a network-consented patient under (from its upload state). */
  String globalKey(Ingested patient) {
    String bkGlobal =
        bridgehead.queryForObject(
            "SELECT bk_global FROM ccp_upload_state WHERE patient_id = ?",
            String.class,
            patient.id());
    byte[] sealed = reencrypt(hd, bkGlobal);
    return new String(
        Envelopes.open(sealed, network.mdsSearch, tls.verifier()).payload(),
        StandardCharsets.US_ASCII);
  }

  /** The person's MDS*G-ID sealed for the MDS database, as the central list answers a site. */
  byte[] reencrypt(SiteClient site, String globalPseudonym) {
    return NetworkPeer.reencrypt(site, network, globalPseudonym);
  }

  /** The key a locally consented patient would have at the MDS database. */
  String localKey(Ingested patient) {
    Patient stored =
        fhirContext
            .newJsonParser()
            .parseResource(Patient.class, fhir().get("/Patient/" + patient.id()).asString());
    String bkLocal =
        stored.getIdentifier().stream()
            .filter(i -> i.getSystem().endsWith("/BK-HD-L"))
            .findFirst()
            .orElseThrow()
            .getValue();
    return pseudonyms.localValue(bkLocal);
  }

  boolean uploaded(Ingested patient) {
    return !bridgehead
        .queryForList(
            "SELECT patient_id FROM ccp_upload_state WHERE patient_id = ?",
            String.class,
            patient.id())
        .isEmpty();
  }

  /** The data manager records a Consent; returns its id. */
  String consent(String patientId, String policy) {
    Consent consent = ConsentResources.consent("Patient/" + patientId, policy);
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
    NetworkPeer peer = new NetworkPeer(tue, network.siteTue, network, fhirContext);
    byte[] sealed = peer.reencrypt(peer.globalPseudonym(idat));
    // TUE's own upload of this person
    Patient minimal = new Patient();
    minimal.setGender(idat.getGender());
    peer.upload(sealed, minimal);
    return peer.opened(sealed, tls.verifier());
  }

  List<String> central(String site) {
    return mds.queryForList("SELECT mds_id FROM mds_record WHERE site = ?", String.class, site);
  }

  @Test
  void patientsEndUpCentrallyExactlyAsTheirConsentAllows() {
    localUpload(false);
    // earlier runs' leftovers (the test database outlives the MDS database) go up first
    upload(200);
    List<Ingested> patients = ingest(4, true);
    Ingested network = patients.get(0);
    Ingested local = patients.get(1);
    Ingested none = patients.get(2);
    Ingested objecting = patients.get(3);
    Ingested irrelevant = ingest(1, false).get(0);
    String networkConsent = consent(network.id(), NetworkConsent.NETWORK);
    consent(local.id(), NetworkConsent.LOCAL_UPLOAD);
    consent(irrelevant.id(), NetworkConsent.NETWORK);
    consent(objecting.id(), NetworkConsent.NETWORK);

    assertThat(status(upload(200))).isEqualTo("completed");

    // network consent: under the person's MDS*G-ID; no consent, no relevant diagnosis, or local
    // consent while the site's switch is off: nothing
    assertThat(uploaded(network)).isTrue();
    assertThat(uploaded(objecting)).isTrue();
    assertThat(uploaded(none) || uploaded(irrelevant) || uploaded(local)).isFalse();
    String networkKey = globalKey(network);
    String objectingKey = globalKey(objecting);
    assertThat(central("HD")).contains(networkKey, objectingKey);
    assertThat(central("HD")).doesNotContain(localKey(local), localKey(none));
    // the same person at TUE has the same MDS*G-ID (and TUE's upload is its own record)
    assertThat(mdsIdAtTue(network.idat())).isEqualTo(networkKey);
    assertThat(central("TUE")).contains(networkKey);
    String json =
        mds.queryForObject(
            "SELECT bundle_json FROM mds_record WHERE site = 'HD' AND mds_id = ?",
            String.class,
            networkKey);
    String birthDate = network.idat().getBirthDateElement().getValueAsString();
    assertThat(json)
        .doesNotContain(network.idat().getNameFirstRep().getFamily())
        .doesNotContain(birthDate)
        .doesNotContain("BK-HD")
        .contains("\"birthDate\":\"" + birthDate.substring(0, 7) + "\"");

    // re-running changes nothing
    List<String> held = central("HD");
    Parameters.ParametersParameterComponent again = upload(200);
    assertThat(count(again, "uploaded")).isZero();
    assertThat(count(again, "deleted")).isZero();
    assertThat(central("HD")).containsExactlyInAnyOrderElementsOf(held);

    // the site switches local-consent upload on (four eyes): the local patient goes up, under L-
    localUpload(true);
    upload(200);
    assertThat(central("HD")).contains(localKey(local)).doesNotContain(localKey(none));

    // objection and withdrawal: removed centrally at the next run (TUE's record stays)
    consent(objecting.id(), NetworkConsent.OBJECTION);
    withdraw(networkConsent);
    Parameters.ParametersParameterComponent withdrawn = upload(200);
    assertThat(count(withdrawn, "deleted")).isEqualTo(2);
    assertThat(central("HD")).doesNotContain(networkKey, objectingKey).contains(localKey(local));
    assertThat(central("TUE")).contains(networkKey);
    assertThat(uploaded(network) || uploaded(objecting)).isFalse();

    // and the objecting patient's data is refused at ingest
    Patient update =
        fhirContext
            .newJsonParser()
            .parseResource(Patient.class, fhir().get("/Patient/" + objecting.id()).asString());
    update.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER);
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
    upload(200);
    List<Ingested> patients = ingest(5, true);
    patients.forEach(p -> consent(p.id(), NetworkConsent.NETWORK));
    Set<String> before = new HashSet<>(central("HD"));
    RestfulServer server = MdsDatabase.shared().getBean(RestfulServer.class);
    FailingUpload crash = new FailingUpload(2);
    server.registerInterceptor(crash);
    Parameters.ParametersParameterComponent interrupted;
    try {
      interrupted = upload(200);
    } finally {
      server.unregisterInterceptor(crash);
    }

    // exactly the acknowledged batch is recorded, and it is what the MDS database holds
    assertThat(status(interrupted)).isEqualTo("failed");
    List<Ingested> committed = patients.stream().filter(this::uploaded).toList();
    assertThat(committed).hasSizeBetween(1, 4);
    Set<String> added = new HashSet<>(central("HD"));
    added.removeAll(before);
    assertThat(added)
        .containsExactlyInAnyOrderElementsOf(committed.stream().map(this::globalKey).toList());

    Parameters.ParametersParameterComponent resumed = upload(200);

    assertThat(status(resumed)).isEqualTo("completed");
    assertThat(count(resumed, "uploaded")).isEqualTo(5 - committed.size());
    List<String> all = central("HD");
    assertThat(all).doesNotHaveDuplicates();
    assertThat(all.size() - before.size()).isEqualTo(5);
    assertThat(all).containsAll(patients.stream().map(this::globalKey).toList());
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
