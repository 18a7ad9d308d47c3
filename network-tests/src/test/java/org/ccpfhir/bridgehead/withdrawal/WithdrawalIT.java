package org.ccpfhir.bridgehead.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.IdatSweep;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.ccpfhir.bridgehead.upload.MdsDatabase;
import org.ccpfhir.bridgehead.upload.NetworkPeer;
import org.ccpfhir.bridgehead.upload.UploadRunner;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.upload.MdsWithdrawalContract;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Withdrawal across the network over mutual TLS on loopback: this bridgehead (site HD), the
 * identity network (generator, central list) and the MDS database, each its own Spring application;
 * the same person is also linked and uploaded by a second site (TUE, acted by the test with TUE's
 * certificate). After a withdrawal every store is searched for the patient's old pseudonyms.
 */
class WithdrawalIT extends NetworkIT {

  @Autowired DataSource bridgeheadDatabase;
  @Autowired LocalPatientList localList;
  @Autowired PseudonymRegistry registry;
  @Autowired WithdrawalService withdrawals;
  @Autowired UploadRunner uploads;

  JdbcTemplate bridgehead;
  JdbcTemplate mds;
  JdbcTemplate central;
  IdentityNetwork network;

  @BeforeEach
  void stores() {
    network = IdentityNetwork.shared();
    bridgehead = new JdbcTemplate(bridgeheadDatabase);
    mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    central = new JdbcTemplate(network.centralList.getBean(DataSource.class));
  }

  /** A network-consented patient of HD, uploaded, and linked and uploaded at TUE too. */
  record Linked(
      String patientId,
      Patient idat,
      String bkLocal,
      String bkGlobal,
      String bkTue,
      String mdsId) {}

  @Test
  void deletionRemovesThePatientFromEveryStore() {
    Linked patient = linkedPatient();
    String projectLocal = pseudonym("RPB-L", patient.bkLocal());
    String projectGlobal = pseudonym("RPB-G", patient.bkLocal());

    Task task = withdraw(patient.bkLocal(), "delete", 200);

    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getOutput()).hasSize(WithdrawalStep.values().length + 1);
    String record = outputs(task).get(outputs(task).size() - 1);
    assertThat(record).contains("completed", "deletion");
    List<String> old =
        List.of(
            patient.bkLocal(),
            patient.bkGlobal(),
            patient.bkTue(),
            patient.mdsId(),
            projectLocal,
            projectGlobal);
    // no store holds any of the old pseudonyms, and none can be issued again
    old.forEach(value -> assertThat(registry.isRetired(value) || centralRetired(value)).isTrue());
    assertThat(localList.idatOf(patient.bkLocal())).isEmpty();
    assertThat(
            mds.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE mds_id = ?", Integer.class, patient.mdsId()))
        .isZero();
    for (String value : old) {
      assertThat(centralMentions(value)).as(value).isZero();
    }
    assertThat(bridgeheadMentions(old.toArray(String[]::new))).isEmpty();
    assertThat(fhir().get("/Patient/" + patient.patientId()).statusCode()).isIn(404, 410);
    assertThat(fhir().get("/Patient/" + patient.patientId() + "/_history").statusCode())
        .isIn(404, 410);
    // the person comes back as a new patient with a new pseudonym
    assertThat(newLocalPseudonym(patient.idat())).isNotIn(old);
    // a repeated withdrawal changes nothing
    Response again = withdrawRaw(patient.bkLocal(), "delete");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.asString()).contains("OperationOutcome", "retired");
  }

  @Test
  void anonymisationKeepsTheMdsDataButNoPseudonymLeadsToThem() {
    Linked patient = linkedPatient();
    Integer ordinal =
        mds.queryForObject(
            "SELECT ordinal FROM mds_record WHERE site = 'HD' AND mds_id = ?",
            Integer.class,
            patient.mdsId());

    Task task = withdraw(patient.bkLocal(), null, 200);

    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getInputFirstRep().getValue().primitiveValue()).isEqualTo("anonymise");
    String key =
        mds.queryForObject(
            "SELECT mds_id FROM mds_record WHERE ordinal = ?", String.class, ordinal);
    assertThat(key).startsWith("A-").isNotEqualTo(patient.mdsId());
    assertThat(
            mds.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE mds_id = ?", Integer.class, patient.mdsId()))
        .isZero();
    for (String value : List.of(patient.bkGlobal(), patient.bkTue(), patient.mdsId())) {
      assertThat(centralMentions(value)).as(value).isZero();
    }
    // the site keeps the MDAT as a not explicitly consented patient: local pseudonym, no BK-G
    Patient stored =
        fhirContext
            .newJsonParser()
            .parseResource(Patient.class, fhir().get("/Patient/" + patient.patientId()).asString());
    assertThat(stored.getIdentifier())
        .extracting(Identifier::getValue)
        .contains(patient.bkLocal())
        .doesNotContain(patient.bkGlobal());
    assertThat(localList.idatOf(patient.bkLocal())).isEmpty();
    // the Teiler leaves it alone: no upload, and the MDS record is not deleted by it either
    upload();
    assertThat(uploadState(patient.patientId())).isZero();
    assertThat(
            mds.queryForObject(
                "SELECT mds_id FROM mds_record WHERE ordinal = ?", String.class, ordinal))
        .isEqualTo(key);
  }

  @Test
  void aComponentDownMidCascadeIsRetriedUntilItConfirms() {
    Linked patient = linkedPatient();
    RestfulServer server = MdsDatabase.shared().getBean(RestfulServer.class);
    RefusingWithdrawal down = new RefusingWithdrawal();
    server.registerInterceptor(down);
    Task waiting;
    try {
      waiting = withdraw(patient.bkLocal(), "delete", 200);
      assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
      assertThat(waiting.getBusinessStatus().getText()).contains("MDS database");
      assertThat(waiting.getOutput()).hasSize(1);
      // nothing after the failed step ran: the local identity is still there
      assertThat(localList.idatOf(patient.bkLocal())).isPresent();
      assertThat(centralMentions(patient.bkGlobal())).isPositive();
      Response again = withdrawRaw(patient.bkLocal(), "delete");
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.asString()).contains("Task/" + waiting.getIdElement().getIdPart());
      // a retry while it is still down changes nothing
      withdrawals.resume(waiting.getIdElement().getIdPart());
      assertThat(status(waiting).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    } finally {
      server.unregisterInterceptor(down);
    }

    withdrawals.resume(waiting.getIdElement().getIdPart());

    Task done = status(waiting);
    assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(outputs(done)).anyMatch(text -> text.contains("record(s) deleted"));
    assertThat(
            mds.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE mds_id = ?", Integer.class, patient.mdsId()))
        .isZero();
    assertThat(centralMentions(patient.bkGlobal())).isZero();
    assertThat(bridgeheadMentions(patient.bkLocal(), patient.bkGlobal())).isEmpty();
  }

  @Test
  void aWithdrawalDuringAnUploadWaitsForItAndChangesNothingMeanwhile() {
    Linked patient = linkedPatient();
    Task[] waiting = new Task[1];
    // an upload run holds the Teiler's lock while the withdrawal arrives
    boolean ran = uploads.whileIdle(() -> waiting[0] = withdraw(patient.bkLocal(), "delete", 200));
    assertThat(ran).isTrue();
    assertThat(waiting[0].getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    assertThat(waiting[0].getOutput()).isEmpty();
    assertThat(waiting[0].getBusinessStatus().getText()).contains("upload is running");
    assertThat(uploadState(patient.patientId())).isEqualTo(1);
    assertThat(localList.idatOf(patient.bkLocal())).isPresent();

    withdrawals.resume(waiting[0].getIdElement().getIdPart());
    Task done = status(waiting[0]);

    assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(uploadState(patient.patientId())).isZero();
    assertThat(
            mds.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE mds_id = ?", Integer.class, patient.mdsId()))
        .isZero();
  }

  @Test
  void thePageIsServedAndBadInputIsRefused() {
    String page =
        clients.anonymous().get("/withdrawal.html").then().statusCode(200).extract().asString();
    assertThat(page).contains("ccp/ccp.js", "$withdraw", "<label");
    assertThat(withdrawRaw("UNKNOWN12", "delete").statusCode()).isEqualTo(404);
    Response mode = withdrawRaw("UNKNOWN12", "forget");
    assertThat(mode.statusCode()).isEqualTo(400);
    assertThat(mode.asString()).contains("OperationOutcome", "mode");
    Response role =
        clients
            .as("researcher")
            .contentType("application/fhir+json")
            .body(parameters("UNKNOWN12", "delete"))
            .post(baseUrl() + "/$withdraw");
    assertThat(role.statusCode()).isEqualTo(403);
    assertThat(
            clients.as("datamanager").get(baseUrl() + "/$withdraw-status?task=nope").statusCode())
        .isEqualTo(404);
  }

  /** Refuses the MDS database's withdrawal operation: the component is down for it. */
  @Interceptor
  static class RefusingWithdrawal {
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void incoming(RequestDetails request) {
      if (MdsWithdrawalContract.OPERATION.equals(request.getOperation())) {
        throw new InternalErrorException("simulated outage of the MDS database");
      }
    }
  }

  Linked linkedPatient() {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, true)
            .patients(0, 1)
            .findFirst()
            .orElseThrow();
    Patient idat = ((Patient) bundle.getEntryFirstRep().getResource()).copy();
    Response stored =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(bundle)).post();
    assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(200);
    String patientId =
        fhirContext
            .newJsonParser()
            .parseResource(Bundle.class, stored.asString())
            .getEntry()
            .stream()
            .map(e -> e.getResponse().getLocation())
            .filter(l -> l != null && l.startsWith("Patient/"))
            .map(l -> l.split("/")[1])
            .findFirst()
            .orElseThrow();
    Patient patient =
        fhirContext
            .newJsonParser()
            .parseResource(Patient.class, fhir().get("/Patient/" + patientId).asString());
    String bkLocal = patient.getIdentifierFirstRep().getValue();
    fhir()
        .body(
            fhirContext
                .newJsonParser()
                .encodeResourceToString(
                    ConsentResources.consent("Patient/" + patientId, NetworkConsent.NETWORK)))
        .post("/Consent")
        .then()
        .statusCode(201);
    upload();
    String bkGlobal =
        bridgehead.queryForObject(
            "SELECT bk_global FROM ccp_upload_state WHERE patient_id = ?", String.class, patientId);
    NetworkPeer tue =
        new NetworkPeer(
            new SiteClient(network.siteTue, tls.caCertificate(), fhirContext),
            network.siteTue,
            network,
            fhirContext);
    String bkTue = tue.globalPseudonym(idat);
    byte[] sealed = tue.reencrypt(bkTue);
    tue.upload(sealed, new Patient().setGender(idat.getGender()));
    String mdsId = tue.opened(sealed, tls.verifier());
    assertThat(
            mds.queryForList("SELECT site FROM mds_record WHERE mds_id = ?", String.class, mdsId))
        .containsExactlyInAnyOrder("HD", "TUE");
    return new Linked(patientId, idat, bkLocal, bkGlobal, bkTue, mdsId);
  }

  void upload() {
    Response run =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(baseUrl() + "/$upload");
    assertThat(run.statusCode()).as(run.asString()).isEqualTo(200);
  }

  /** A project pseudonym of a patient known by its local pseudonym. */
  String pseudonym(String target, String original) {
    Parameters input = new Parameters();
    input.addParameter("target", new StringType(target));
    input.addParameter("original", new StringType(original));
    return pseudonymize(input);
  }

  /** The local pseudonym the IDAT get now. */
  String newLocalPseudonym(Patient idat) {
    Parameters input = new Parameters();
    input.addParameter("target", new StringType("BK-L"));
    input.addParameter().setName("patient").setResource(idat.copy());
    return pseudonymize(input);
  }

  String pseudonymize(Parameters input) {
    Response answer =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(input))
            .post(baseUrl() + "/$pseudonymize");
    assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    return ((Identifier)
            fhirContext
                .newJsonParser()
                .parseResource(Parameters.class, answer.asString())
                .getParameter("pseudonym")
                .getPart()
                .stream()
                .filter(p -> p.getName().equals("pseudonym"))
                .findFirst()
                .orElseThrow()
                .getValue())
        .getValue();
  }

  String parameters(String pseudonym, String mode) {
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(pseudonym));
    if (mode != null) {
      input.addParameter("mode", new CodeType(mode));
    }
    return fhirContext.newJsonParser().encodeResourceToString(input);
  }

  Response withdrawRaw(String pseudonym, String mode) {
    return clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body(parameters(pseudonym, mode))
        .post(baseUrl() + "/$withdraw");
  }

  Task withdraw(String pseudonym, String mode, int expected) {
    Response response = withdrawRaw(pseudonym, mode);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
    Task task = fhirContext.newJsonParser().parseResource(Task.class, response.asString());
    assertThat(response.asString()).doesNotContain(pseudonym);
    return task;
  }

  Task status(Task task) {
    Response response =
        clients
            .as("datamanager")
            .get(baseUrl() + "/$withdraw-status?task=" + task.getIdElement().getIdPart());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return fhirContext.newJsonParser().parseResource(Task.class, response.asString());
  }

  static List<String> outputs(Task task) {
    return task.getOutput().stream().map(o -> o.getValue().primitiveValue()).toList();
  }

  boolean centralRetired(String value) {
    return network.centralList.getBean(PseudonymRegistry.class).isRetired(value);
  }

  /** Rows of the central list's tables that hold the value. */
  int centralMentions(String value) {
    return central.queryForObject(
            "SELECT COUNT(*) FROM ccp_site_pseudonym WHERE pseudonym = ?", Integer.class, value)
        + central.queryForObject(
            "SELECT COUNT(*) FROM ccp_target_pseudonym WHERE target_value = ?",
            Integer.class,
            value)
        + central.queryForObject(
            "SELECT COUNT(*) FROM ccp_project_pseudonym WHERE pseudonym = ?", Integer.class, value);
  }

  /**
   * Tables of the bridgehead's database (store with every version, own tables, local list) holding
   * any of the values — except the pseudonym registry, which keeps retired values reserved so they
   * are never issued again, linked to nothing.
   */
  List<String> bridgeheadMentions(String... values) {
    List<String> tables =
        IdatSweep.tables(bridgeheadDatabase).stream()
            .filter(t -> !t.equalsIgnoreCase("ccp_issued_pseudonym"))
            .toList();
    return IdatSweep.found(bridgeheadDatabase, tables, List.of(values));
  }

  int uploadState(String patientId) {
    return bridgehead.queryForObject(
        "SELECT COUNT(*) FROM ccp_upload_state WHERE patient_id = ?", Integer.class, patientId);
  }
}
