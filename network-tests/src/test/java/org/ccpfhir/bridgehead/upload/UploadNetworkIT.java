package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.upload.SiteUploads.count;
import static org.ccpfhir.bridgehead.upload.SiteUploads.status;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.bridgehead.upload.SiteUploads.Ingested;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Teiler end to end over mutual TLS on loopback: two bridgeheads — this one (site HD, on
 * PostgreSQL) and a second one (site TUE: its own Spring context, H2 database, port and certificate
 * from the same network CA, started once per JVM) —, the identity network (control-number
 * generator, central patient list) and the MDS database, each its own Spring application.
 */
class UploadNetworkIT extends NetworkIT {

  private static ConfigurableApplicationContext tueContext;

  @Autowired DataSource bridgeheadDatabase;
  @Autowired MdsPseudonyms pseudonyms;

  JdbcTemplate mds;
  IdentityNetwork network;
  Site hd;
  Site tue;

  /** One site's bridgehead as the tests see it: its API, its upload state, its key material. */
  record Site(
      String code,
      SiteUploads api,
      JdbcTemplate state,
      MdsPseudonyms pseudonyms,
      SiteClient identity) {}

  static synchronized ConfigurableApplicationContext tueBridgehead() {
    if (tueContext == null) {
      tueContext =
          new SiteBridgehead("TUE", Path.of("target/upload-it/tue-" + System.nanoTime()))
              .startInJvm();
    }
    return tueContext;
  }

  @BeforeEach
  void network() {
    network = IdentityNetwork.shared();
    mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    hd =
        new Site(
            "HD",
            new SiteUploads(clients, fhirContext, "HD"),
            new JdbcTemplate(bridgeheadDatabase),
            pseudonyms,
            new SiteClient(tls.credential(), tls.caCertificate(), fhirContext));
    ConfigurableApplicationContext context = tueBridgehead();
    ComponentTls tueTls = context.getBean(ComponentTls.class);
    tue =
        new Site(
            "TUE",
            new SiteUploads(
                new SecureClients(IdentityNetwork.port(context), tueTls.caCertificate()),
                fhirContext,
                "TUE"),
            new JdbcTemplate(context.getBean(DataSource.class)),
            context.getBean(MdsPseudonyms.class),
            new SiteClient(tueTls.credential(), tueTls.caCertificate(), fhirContext));
  }

  /** The key the MDS database holds a network-consented patient under (from its upload state). */
  String globalKey(Site site, Ingested patient) {
    String bkGlobal =
        site.state()
            .queryForObject(
                "SELECT bk_global FROM ccp_upload_state WHERE patient_id = ?",
                String.class,
                patient.id());
    return MdsDatabase.mdsId(site.identity(), bkGlobal, tls.verifier());
  }

  String globalKey(Ingested patient) {
    return globalKey(hd, patient);
  }

  /** The key a locally consented patient would have at the MDS database. */
  String localKey(Site site, Ingested patient) {
    return site.pseudonyms().localValue(site.api().bkLocal(patient.id()));
  }

  boolean uploaded(Site site, Ingested patient) {
    return !site.state()
        .queryForList(
            "SELECT patient_id FROM ccp_upload_state WHERE patient_id = ?",
            String.class,
            patient.id())
        .isEmpty();
  }

  boolean uploaded(Ingested patient) {
    return uploaded(hd, patient);
  }

  List<String> central(String site) {
    return mds.queryForList("SELECT mds_id FROM mds_record WHERE site = ?", String.class, site);
  }

  /** A TUE patient bundle of the same person (same IDAT) as an HD patient. */
  static Bundle samePersonAtTue(Patient idat) {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "TUE", EntryMode.POST, true)
            .patient(0);
    Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
    patient.setName(idat.getName());
    patient.setBirthDateElement(idat.getBirthDateElement());
    patient.setGender(idat.getGender());
    patient.setAddress(idat.getAddress());
    return bundle;
  }

  @Test
  void patientsEndUpCentrallyExactlyAsTheirConsentAllows() {
    SiteUploads api = hd.api();
    api.localUpload(false);
    // earlier runs' leftovers (the test database outlives the MDS database) go up first
    api.upload(200);
    List<Ingested> patients = api.ingest(4, true);
    Ingested network = patients.get(0);
    Ingested local = patients.get(1);
    Ingested none = patients.get(2);
    Ingested objecting = patients.get(3);
    Ingested irrelevant = api.ingest(1, false).get(0);
    String networkConsent = api.consent(network.id(), NetworkConsent.NETWORK);
    api.consent(local.id(), NetworkConsent.LOCAL_UPLOAD);
    api.consent(irrelevant.id(), NetworkConsent.NETWORK);
    api.consent(objecting.id(), NetworkConsent.NETWORK);

    assertThat(status(api.upload(200))).isEqualTo("completed");

    // network consent: under the person's MDS*G-ID; no consent, no relevant diagnosis, or local
    // consent while the site's switch is off: nothing
    assertThat(uploaded(network)).isTrue();
    assertThat(uploaded(objecting)).isTrue();
    assertThat(uploaded(none) || uploaded(irrelevant) || uploaded(local)).isFalse();
    String networkKey = globalKey(network);
    String objectingKey = globalKey(objecting);
    assertThat(central("HD")).contains(networkKey, objectingKey);
    assertThat(central("HD")).doesNotContain(localKey(hd, local), localKey(hd, none));
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
    Parameters.ParametersParameterComponent again = api.upload(200);
    assertThat(count(again, "uploaded")).isZero();
    assertThat(count(again, "deleted")).isZero();
    assertThat(central("HD")).containsExactlyInAnyOrderElementsOf(held);

    // the site switches local-consent upload on (four eyes): the local patient goes up, under L-
    api.localUpload(true);
    api.upload(200);
    assertThat(central("HD")).contains(localKey(hd, local)).doesNotContain(localKey(hd, none));

    // the same person at TUE, uploaded by TUE's own bridgehead: one MDS*G-ID, two site records
    Ingested atTue = tue.api().ingest(List.of(samePersonAtTue(network.idat())), true).get(0);
    tue.api().consent(atTue.id(), NetworkConsent.NETWORK);
    assertThat(status(tue.api().upload(200))).isEqualTo("completed");
    assertThat(globalKey(tue, atTue)).isEqualTo(networkKey);
    assertThat(central("TUE")).contains(networkKey);

    // objection and withdrawal: removed centrally at the next run (TUE's record stays)
    api.consent(objecting.id(), NetworkConsent.OBJECTION);
    api.withdraw(networkConsent);
    Parameters.ParametersParameterComponent withdrawn = api.upload(200);
    assertThat(count(withdrawn, "deleted")).isEqualTo(2);
    assertThat(central("HD"))
        .doesNotContain(networkKey, objectingKey)
        .contains(localKey(hd, local));
    assertThat(central("TUE")).contains(networkKey);
    assertThat(uploaded(network) || uploaded(objecting)).isFalse();

    // and the objecting patient's data is refused at ingest
    Patient update = api.stored(objecting.id());
    update.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER);
    Response refused =
        fhir()
            .body(fhirContext.newJsonParser().encodeResourceToString(update))
            .put("/Patient/" + objecting.id());
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat(refused.asString()).contains("OperationOutcome", "objection");
    api.localUpload(false);
  }

  @Test
  void theSecondSitesBridgeheadUploadsEachConsentKindAsItAllows() {
    SiteUploads api = tue.api();
    List<Ingested> patients = api.ingest(4, true);
    Ingested network = patients.get(0);
    Ingested local = patients.get(1);
    Ingested none = patients.get(2);
    Ingested objecting = patients.get(3);
    api.consent(network.id(), NetworkConsent.NETWORK);
    api.consent(local.id(), NetworkConsent.LOCAL_UPLOAD);
    api.consent(objecting.id(), NetworkConsent.OBJECTION);
    api.localUpload(true);
    Set<String> before = new HashSet<>(central("TUE"));

    assertThat(status(api.upload(200))).isEqualTo("completed");

    Set<String> added = new HashSet<>(central("TUE"));
    added.removeAll(before);
    assertThat(added)
        .containsExactlyInAnyOrder(globalKey(tue, network), localKey(tue, local))
        .doesNotContain(localKey(tue, none), localKey(tue, objecting));
    assertThat(uploaded(tue, none) || uploaded(tue, objecting)).isFalse();
    assertThat(central("HD")).doesNotContain(added.toArray(String[]::new));

    // a second run sends nothing and changes nothing
    List<String> held = central("TUE");
    Parameters.ParametersParameterComponent again = api.upload(200);
    assertThat(count(again, "uploaded") + count(again, "deleted")).isZero();
    assertThat(central("TUE")).containsExactlyInAnyOrderElementsOf(held);
    api.localUpload(false);
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
    SiteUploads api = hd.api();
    api.upload(200);
    List<Ingested> patients = api.ingest(5, true);
    patients.forEach(p -> api.consent(p.id(), NetworkConsent.NETWORK));
    Set<String> before = new HashSet<>(central("HD"));
    RestfulServer server = MdsDatabase.shared().getBean(RestfulServer.class);
    FailingUpload crash = new FailingUpload(2);
    server.registerInterceptor(crash);
    Parameters.ParametersParameterComponent interrupted;
    try {
      interrupted = api.upload(200);
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

    Parameters.ParametersParameterComponent resumed = api.upload(200);

    assertThat(status(resumed)).isEqualTo("completed");
    assertThat(count(resumed, "uploaded")).isEqualTo(5 - committed.size());
    List<String> all = central("HD");
    assertThat(all).doesNotHaveDuplicates();
    assertThat(all.size() - before.size()).isEqualTo(5);
    assertThat(all).containsAll(patients.stream().map(this::globalKey).toList());
    assertThat(count(api.upload(200), "uploaded")).isZero();
  }

  @Test
  void aConsentWithACodeOutsideTheConsentPolicyCodeSystemIsRefused() {
    Ingested patient = hd.api().ingest(1, true).get(0);
    Consent consent = ConsentResources.consent("Patient/" + patient.id(), "everything");
    Response refused =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(consent)).post("/Consent");
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat(refused.asString()).contains("OperationOutcome", "everything");
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
