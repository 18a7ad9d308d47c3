package org.ccpfhir.bridgehead.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.IdatSweep;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
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
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.Prometheus;
import org.ccpfhir.testsupport.SecureClients;
import org.ccpfhir.testsupport.TestNames;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
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
 * certificate). After a withdrawal every store is searched for the patient's old pseudonyms. Three
 * sites: HD (this bridgehead), TUE holding the same person, DD holding nobody (both acted by the
 * test with their certificates): a withdrawal at HD waits for TUE's confirmation of the central
 * list's notice; a withdrawal at TUE reaches HD through the notice HD fetches.
 */
class WithdrawalIT extends NetworkIT {

  @Autowired DataSource bridgeheadDatabase;
  @Autowired LocalPatientList localList;
  @Autowired PseudonymRegistry registry;
  @Autowired WithdrawalService withdrawals;
  @Autowired UploadRunner uploads;
  @Autowired ConsentKinds consentKinds;

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

    Task task = completedOnceOthersConfirm(withdraw(patient.bkLocal(), "delete", 200));

    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getOutput()).hasSize(WithdrawalStep.of(false).size() + 1);
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

    Task task = completedOnceOthersConfirm(withdraw(patient.bkLocal(), null, 200));

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

    Task done = completedOnceOthersConfirm(status(waiting));
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
    Task done = completedOnceOthersConfirm(status(waiting[0]));

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
    assertThat(page)
        .contains("ccp/ccp.js", "$withdraw", "<label", "$withdraw-components", "overdue");
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

  @Test
  void theOtherSiteHoldingThePersonIsInformedAndTheWithdrawalWaitsForItsConfirmation() {
    Linked patient = linkedPatient();
    SiteClient tue = site(network.siteTue);
    SiteClient dd = site(network.siteDd);

    Task waiting = withdraw(patient.bkLocal(), null, 200);

    // HD's own steps are done; the Task waits for TUE, the other site holding the person
    assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    assertThat(waiting.getBusinessStatus().getText()).contains("waiting for site(s) TUE");
    assertThat(waiting.getRestriction().getPeriod().getEnd()).isNotNull();
    assertThat(localList.idatOf(patient.bkLocal())).isEmpty();
    Parameters components = components(waiting);
    assertThat(componentState(components, "site:TUE")).isEqualTo("pending");
    assertThat(componentState(components, "local-list")).isEqualTo("confirmed");
    assertThat(componentState(components, "central-list")).isEqualTo("confirmed");
    assertThat(componentState(components, "mds-database")).isEqualTo("confirmed");
    assertThat(document(waiting, "patient").statusCode()).isEqualTo(409);
    // DD holds nobody: it is told nothing; TUE is told its own pseudonym, never HD's
    assertThat(notices(dd).getParameter()).isEmpty();
    Parameters.ParametersParameterComponent notice = noticeFor(tue, patient.bkTue());
    assertThat(part(notice, "mode")).isEqualTo("anonymise");
    assertThat(part(notice, "deadline")).isEqualTo(WithdrawalDeadline.of(Instant.now()).toString());
    assertThat(fhirContext.newJsonParser().encodeResourceToString(notices(tue)))
        .doesNotContain(patient.bkGlobal(), patient.bkLocal(), patient.mdsId());
    String noticeId = part(notice, "id");
    // bad input and another site's notice change nothing
    assertThat(refused(tue, confirmation(noticeId, "forgotten", null)))
        .contains("(400)", "outcome");
    assertThat(refused(tue, confirmation(noticeId, "done", "x".repeat(1001))))
        .contains("(400)", "detail");
    assertThat(refused(dd, confirmation(noticeId, "done", null)))
        .contains("(404)", "no notice of site DD");
    assertThat(noticeFor(tue, patient.bkTue())).isNotNull();

    Parameters confirmed = confirm(tue, noticeId, "done", "1 patient kept without BK-G");
    // a repeated confirmation (its answer lost) answers the first one and changes nothing
    assertThat(
            confirm(tue, noticeId, "done", "again")
                .getParameter("confirmed")
                .getValue()
                .primitiveValue())
        .isEqualTo(confirmed.getParameter("confirmed").getValue().primitiveValue());
    assertThat(
            central.queryForObject(
                "SELECT detail FROM ccp_withdrawal_notice WHERE id = ?", String.class, noticeId))
        .isEqualTo("1 patient kept without BK-G");
    withdrawals.resume(waiting.getIdElement().getIdPart());

    Task done = status(waiting);
    assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(outputs(done)).anyMatch(text -> text.contains("1 site(s) confirmed: TUE (done)"));
    Parameters finished = components(done);
    assertThat(componentState(finished, "site:TUE")).isEqualTo("confirmed");
    assertThat(finished.getParameter("overdue").getValue().primitiveValue()).isEqualTo("false");
    // the central list keeps the confirmation, forgets the pseudonym, and audited both
    assertThat(centralMentions(patient.bkTue())).isZero();
    assertThat(
            central.queryForObject(
                "SELECT outcome FROM ccp_withdrawal_notice WHERE id = ?", String.class, noticeId))
        .isEqualTo("done");
    network.centralList.getBean(AuditRecorder.class).flush();
    assertThat(
            central.queryForObject(
                "SELECT COUNT(*) FROM ccp_audit_event WHERE resource LIKE ?",
                Integer.class,
                "%notice " + noticeId + "%confirmed by site TUE: done%"))
        .as("the confirmation and its repetition, each audited")
        .isEqualTo(2);
    // the two written notices: no pseudonym, no identifying data
    Response letter = document(done, "patient");
    assertThat(letter.statusCode()).as(letter.asString()).isEqualTo(200);
    String patientText = markdown(letter);
    assertThat(patientText)
        .contains("Bestätigung Ihres Widerrufs", "anonymisiert", "Standort TUE", "bestätigt am");
    String officerText = markdown(document(done, "dpo"));
    assertThat(officerText).contains("Datenschutzbeauftragten", "Frist (14 Werktage)", "TUE");
    for (String text : List.of(patientText, officerText)) {
      assertThat(text)
          .doesNotContain(
              patient.bkLocal(),
              patient.bkGlobal(),
              patient.bkTue(),
              patient.mdsId(),
              patient.idat().getNameFirstRep().getFamily(),
              patient.idat().getBirthDateElement().getValueAsString());
    }
    assertThat(document(done, "letter").statusCode()).isEqualTo(400);
    assertThat(Prometheus.scrape(clients))
        .contains("ccp_withdrawal_overdue", "ccp_withdrawal_open");
  }

  @Test
  void theCcpApplicationGetsRandomReplacementsForItsPseudonymsAndConfirms() {
    Linked patient = linkedPatient();
    String projectLocal = pseudonym("RPB-L", patient.bkLocal());
    String projectGlobal = pseudonym("RPB-G", patient.bkLocal());
    SiteClient tue = site(network.siteTue);

    Task waiting = withdraw(patient.bkLocal(), "anonymise", 200);
    for (Parameters.ParametersParameterComponent notice : notices(tue).getParameter()) {
      confirm(tue, part(notice, "id"), "done", "test site TUE");
    }
    withdrawals.resume(waiting.getIdElement().getIdPart());

    // the site and TUE are done; the Task waits for the application
    Task pending = status(waiting);
    assertThat(pending.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    assertThat(pending.getBusinessStatus().getText()).contains("RPB-HD-L", "RPB-HD-G");
    assertThat(componentState(components(pending), "application:RPB-HD-L")).isEqualTo("pending");
    Map<String, Parameters.ParametersParameterComponent> mine = new HashMap<>();
    for (Parameters.ParametersParameterComponent r : replacements().getParameter()) {
      mine.put(part(r, "retired"), r);
    }
    assertThat(mine).containsKeys(projectLocal, projectGlobal);
    for (String old : List.of(projectLocal, projectGlobal)) {
      Parameters.ParametersParameterComponent r = mine.get(old);
      assertThat(part(r, "action")).isEqualTo("replace");
      assertThat(part(r, "replacement")).isNotBlank().isNotEqualTo(old);
      assertThat(registry.isRetired(old) || centralRetired(old)).isTrue();
    }
    assertThat(part(mine.get(projectLocal), "domain")).isEqualTo("RPB-HD-L");
    assertThat(part(mine.get(projectGlobal), "domain")).isEqualTo("RPB-HD-G");
    // only applications; an unknown or foreign id changes nothing
    assertThat(clients.as("datamanager").get(baseUrl() + "/$pseudonym-replacements").statusCode())
        .isEqualTo(403);
    assertThat(confirmReplacement("no-such-id").statusCode()).isEqualTo(404);
    Response missing =
        clients
            .anonymous()
            .auth()
            .oauth2(applicationToken())
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(baseUrl() + "/$pseudonym-replacement-confirm");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.asString()).contains("OperationOutcome", "replacement");

    for (String old : List.of(projectLocal, projectGlobal)) {
      String id = part(mine.get(old), "id");
      confirmReplacement(id).then().statusCode(200);
      confirmReplacement(id).then().statusCode(200);
    }
    withdrawals.resume(waiting.getIdElement().getIdPart());

    Task done = status(waiting);
    assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    Parameters components = components(done);
    assertThat(componentState(components, "application:RPB-HD-L")).isEqualTo("confirmed");
    assertThat(componentState(components, "application:RPB-HD-G")).isEqualTo("confirmed");
    assertThat(replacements().getParameter())
        .noneMatch(r -> List.of(projectLocal, projectGlobal).contains(part(r, "retired")));
    // once confirmed, nothing at the site leads from the old values anywhere
    assertThat(bridgeheadMentions(projectLocal, projectGlobal)).isEmpty();
  }

  @Test
  void anAnonymisationAtAnotherSiteKeepsThePatientHereAsNotExplicitlyConsented() {
    Linked patient = linkedPatient();
    SiteClient tue = site(network.siteTue);

    // TUE's withdrawal reaches the central list (as TUE's own cascade calls it)
    Parameters answer = withdrawAtCentral(tue, patient.bkTue(), "anonymise");
    assertThat(answer.getParameter("informedSites").getValue().primitiveValue()).isEqualTo("1");
    // a retry of TUE's call (answer lost) finds the same case, informs nobody twice
    Parameters again = withdrawAtCentral(tue, patient.bkTue(), "anonymise");
    assertThat(again.getParameter("case").getValue().primitiveValue())
        .isEqualTo(answer.getParameter("case").getValue().primitiveValue());
    assertThat(again.getParameter("replayed")).isNotNull();

    // (the scheduled poll may have come first: either way the notice is applied once)
    withdrawals.pollNotices();
    assertThat(withdrawals.pollNotices()).isZero();

    Task notified = notifiedTask(answer);
    assertThat(notified.getStatus()).as(notified.toString()).isEqualTo(Task.TaskStatus.COMPLETED);
    // §6.5 footnote 19: the BK-G gives way to the BK-L; the patient stays here, locally only
    Patient stored =
        fhirContext
            .newJsonParser()
            .parseResource(Patient.class, fhir().get("/Patient/" + patient.patientId()).asString());
    assertThat(stored.getIdentifier())
        .extracting(Identifier::getValue)
        .contains(patient.bkLocal())
        .doesNotContain(patient.bkGlobal());
    assertThat(localList.idatOf(patient.bkLocal())).isPresent();
    assertThat(uploadState(patient.patientId())).isZero();
    assertThat(consentKinds.of(List.of(patient.patientId())).get(patient.patientId()))
        .isNotEqualTo(ConsentKind.NETWORK);
    // the next upload leaves the patient alone instead of failing at $reencrypt
    upload();
    assertThat(uploadState(patient.patientId())).isZero();
    // TUE sees HD's confirmation in its case; DD cannot read TUE's case
    Parameters state = withdrawalCase(tue, answer);
    Parameters.ParametersParameterComponent hd =
        state.getParameter().stream()
            .filter(p -> p.getName().equals("site") && "HD".equals(part(p, "code")))
            .findFirst()
            .orElseThrow();
    assertThat(part(hd, "state")).isEqualTo("confirmed");
    assertThat(part(hd, "outcome")).isEqualTo("done");
    assertThat(
            refusal(
                site(network.siteDd),
                "$withdrawal-case",
                caseParameters(answer.getParameter("case").getValue().primitiveValue())))
        .contains("(404)");
    assertThat(centralMentions(patient.bkGlobal())).isZero();
  }

  @Test
  void aDeletionAtAnotherSiteDeletesThisSitesDataOfThePerson() {
    Linked patient = linkedPatient();
    SiteClient tue = site(network.siteTue);
    Parameters answer = withdrawAtCentral(tue, patient.bkTue(), "delete");

    withdrawals.pollNotices();

    Task notified = notifiedTask(answer);
    assertThat(notified.getStatus()).as(notified.toString()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(outputs(notified)).anyMatch(text -> text.contains("confirmation recorded (done"));
    assertThat(fhir().get("/Patient/" + patient.patientId()).statusCode()).isIn(404, 410);
    assertThat(localList.idatOf(patient.bkLocal())).isEmpty();
    assertThat(registry.isRetired(patient.bkLocal())).isTrue();
    assertThat(bridgeheadMentions(patient.bkLocal(), patient.bkGlobal())).isEmpty();
    assertThat(
            central.queryForObject(
                "SELECT COUNT(*) FROM ccp_withdrawal_notice WHERE case_id = ? AND site = 'HD'"
                    + " AND outcome = 'done' AND pseudonym IS NULL",
                Integer.class,
                answer.getParameter("case").getValue().primitiveValue()))
        .isEqualTo(1);
  }

  /**
   * A partner leaves (CCP-IT §5.3, issue 21 item 7), acted with two sites of their own (a departed
   * site stays refused in this JVM): a person at both, one only at the leaving site, one whose
   * consent continues. The central list's admin applies the rule, the MDS database's admin the
   * sealed instruction, and the MDS database's receipt is recorded at the central list.
   */
  @Test
  void aPartnerLeavesAndTheCentralComponentsKeepAnonymiseOrDeleteWhatIsHeldForIt()
      throws Exception {
    NetworkCa ca =
        NetworkCa.open(
            IdentityNetwork.PKI.resolve("network-ca"),
            PasswordFiles.readOrGenerate(
                IdentityNetwork.PKI.resolve("network-ca").resolve("ca.password")));
    String leavingCode = siteCode();
    String stayingCode = siteCode();
    Credential leaving =
        ca.issue(ComponentName.of("bridgehead", leavingCode), List.of("localhost"), DAY);
    Credential staying =
        ca.issue(ComponentName.of("bridgehead", stayingCode), List.of("localhost"), DAY);
    NetworkPeer atLeaving = new NetworkPeer(site(leaving), leaving, network, fhirContext);
    NetworkPeer atStaying = new NetworkPeer(site(staying), staying, network, fhirContext);
    Patient shared = person("Geteilt", "1952-03-04", Enumerations.AdministrativeGender.FEMALE);
    Patient only = person("Allein", "1963-05-06", Enumerations.AdministrativeGender.MALE);
    Patient kept = person("Bleibt", "1974-07-08", Enumerations.AdministrativeGender.FEMALE);
    String leavingShared = atLeaving.globalPseudonym(shared);
    String stayingShared = atStaying.globalPseudonym(shared);
    String leavingOnly = atLeaving.globalPseudonym(only);
    String leavingKept = atLeaving.globalPseudonym(kept);
    String mdsShared = uploaded(atLeaving, leavingShared, shared);
    assertThat(uploaded(atStaying, stayingShared, shared)).isEqualTo(mdsShared);
    String mdsOnly = uploaded(atLeaving, leavingOnly, only);
    String mdsKept = uploaded(atLeaving, leavingKept, kept);
    SecureClients centralClients =
        new SecureClients(IdentityNetwork.port(network.centralList), tls.caCertificate());
    SecureClients mdsClients =
        new SecureClients(IdentityNetwork.port(MdsDatabase.shared()), tls.caCertificate());

    // bad input first: refused, nothing changed
    assertThat(departure(centralClients, "linkage", leavingCode, List.of()).statusCode())
        .isEqualTo(403);
    Response unknown = departure(centralClients, "admin", "NOSITE", List.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.asString()).contains("OperationOutcome", "parameter 'site'");
    Response malformed = departure(centralClients, "admin", "h d!", List.of());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.asString()).contains("OperationOutcome", "parameter 'site'");
    Response foreign =
        departure(centralClients, "admin", leavingCode, List.of(leavingKept, stayingShared));
    assertThat(foreign.statusCode()).isEqualTo(422);
    assertThat(foreign.asString()).contains("OperationOutcome", "continuedConsent[1]");
    assertThat(atLeaving.opened(atLeaving.reencrypt(leavingOnly), tls.verifier()))
        .isEqualTo(mdsOnly);
    Response inventory =
        centralClients
            .as("admin")
            .get(centralUrl() + "/$partner-departure-inventory?site=" + leavingCode);
    assertThat(inventory.statusCode()).as(inventory.asString()).isEqualTo(200);
    Parameters held =
        fhirContext.newJsonParser().parseResource(Parameters.class, inventory.asString());
    assertThat(integer(held, "persons")).isEqualTo(3);
    assertThat(integer(held, "personsOnlyHere")).isEqualTo(2);
    assertThat(integer(held, "personsAlsoElsewhere")).isEqualTo(1);
    assertThat(integer(held, "mdsPseudonyms")).isEqualTo(3);
    assertThat(inventory.asString()).doesNotContain(leavingShared, leavingOnly, leavingKept);
    assertThat(
            centralClients
                .as("linkage")
                .get(centralUrl() + "/$partner-departure-inventory?site=" + leavingCode)
                .statusCode())
        .isEqualTo(403);

    Response departed = departure(centralClients, "admin", leavingCode, List.of(leavingKept));

    assertThat(departed.statusCode()).as(departed.asString()).isEqualTo(200);
    Parameters answer =
        fhirContext.newJsonParser().parseResource(Parameters.class, departed.asString());
    Parameters.ParametersParameterComponent departure = answer.getParameter("departure");
    assertThat(part(departure, "kept")).isEqualTo("1");
    assertThat(part(departure, "anonymised")).isEqualTo("1");
    assertThat(part(departure, "deleted")).isEqualTo("1");
    assertThat(part(departure, "state")).isEqualTo("waiting-for-mds");
    String caseId = part(departure, "case");
    // the leaving site can no longer call; the staying site keeps its pseudonym and MDS*G-ID
    assertThatThrownBy(() -> atLeaving.reencrypt(leavingKept)).hasMessageContaining("(403)");
    assertThat(atStaying.opened(atStaying.reencrypt(stayingShared), tls.verifier()))
        .isEqualTo(mdsShared);
    assertThat(centralMentions(leavingShared)).isZero();
    assertThat(centralMentions(leavingOnly)).isZero();
    assertThat(centralMentions(mdsOnly)).isZero();
    assertThat(centralRetired(leavingShared) && centralRetired(leavingOnly)).isTrue();
    assertThat(centralMentions(leavingKept)).isPositive();

    // the MDS database applies the instruction its admin carries over (and cannot read)
    Parameters mdsInput = new Parameters();
    mdsInput.addParameter("site", new StringType(leavingCode));
    mdsInput
        .addParameter()
        .setName("instruction")
        .setValue(answer.getParameter("instruction").getValue());
    Response atMds =
        mdsClients
            .as("admin")
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(mdsInput))
            .post(IdentityNetwork.url(MdsDatabase.shared()) + "/$mds-partner-departure");
    assertThat(atMds.statusCode()).as(atMds.asString()).isEqualTo(200);
    Parameters mdsAnswer =
        fhirContext.newJsonParser().parseResource(Parameters.class, atMds.asString());
    assertThat(integer(mdsAnswer, "deleted")).isEqualTo(1);
    assertThat(integer(mdsAnswer, "anonymised")).isEqualTo(1);
    assertThat(
            mds.queryForList(
                "SELECT site FROM mds_record WHERE mds_id = ?", String.class, mdsShared))
        .containsExactly(stayingCode);
    assertThat(
            mds.queryForObject(
                "SELECT COUNT(*) FROM mds_record WHERE mds_id = ?", Integer.class, mdsOnly))
        .isZero();
    assertThat(
            mds.queryForList(
                "SELECT mds_id FROM mds_record WHERE site = ?", String.class, leavingCode))
        .hasSize(2)
        .contains(mdsKept);

    // a receipt the MDS database did not sign, or that does not open, is refused
    byte[] forgedReceipt =
        Envelopes.seal(
            "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8),
            network.siteTue,
            network.centralList.getBean(ComponentTls.class).credential().certificate());
    Response forged = confirmDeparture(centralClients, leavingCode, forgedReceipt);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.asString()).contains("parameter 'receipt'", "bridgehead.TUE");
    Response unopened =
        confirmDeparture(
            centralClients,
            leavingCode,
            ((org.hl7.fhir.r4.model.Base64BinaryType) answer.getParameter("instruction").getValue())
                .getValue());
    assertThat(unopened.statusCode()).isEqualTo(400);
    assertThat(unopened.asString()).contains("parameter 'receipt'");
    assertThat(
            central.queryForObject(
                "SELECT COUNT(*) FROM ccp_departure_case WHERE id = ? AND mds_confirmed_ms IS NULL",
                Integer.class,
                caseId))
        .isEqualTo(1);

    // the receipt is recorded at the central list: the MDS database's confirmation
    Parameters confirm = new Parameters();
    confirm.addParameter("site", new StringType(leavingCode));
    confirm
        .addParameter()
        .setName("receipt")
        .setValue(mdsAnswer.getParameter("receipt").getValue());
    Response confirmed =
        centralClients
            .as("admin")
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(confirm))
            .post(centralUrl() + "/$partner-departure-confirm");
    assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
    assertThat(confirmed.asString()).contains("completed", "kept 1, anonymised 1, deleted 1");
    // a second run changes nothing and answers the same case
    Response again = departure(centralClients, "admin", leavingCode, List.of());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.asString()).contains(caseId, "replayed").doesNotContain("instruction");
    assertThat(centralMentions(leavingKept)).isPositive();
    network.centralList.getBean(AuditRecorder.class).flush();
    assertThat(
            central.queryForObject(
                "SELECT COUNT(*) FROM ccp_audit_event WHERE resource LIKE ?",
                Integer.class,
                "%partner departure case " + caseId + " of site " + leavingCode + "%"))
        .as("departure, confirmation and replay, each audited")
        .isEqualTo(3);
  }

  Response confirmDeparture(SecureClients clients, String site, byte[] receipt) {
    Parameters input = new Parameters();
    input.addParameter("site", new StringType(site));
    input
        .addParameter()
        .setName("receipt")
        .setValue(new org.hl7.fhir.r4.model.Base64BinaryType(receipt));
    return clients
        .as("admin")
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(input))
        .post(centralUrl() + "/$partner-departure-confirm");
  }

  static String siteCode() {
    return "Q" + TestNames.unique("").toUpperCase().substring(0, 5);
  }

  static Patient person(String stem, String birthDate, Enumerations.AdministrativeGender sex) {
    Patient idat = new Patient();
    idat.addName().setFamily(TestNames.unique(stem)).addGiven(TestNames.unique("Vorname"));
    idat.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
    idat.setGender(sex);
    return idat;
  }

  /** Uploads a person at a site; the MDS*G-ID it is stored under. */
  String uploaded(NetworkPeer site, String global, Patient idat) {
    byte[] sealed = site.reencrypt(global);
    site.upload(sealed, new Patient().setGender(idat.getGender()));
    return site.opened(sealed, tls.verifier());
  }

  Response departure(SecureClients clients, String user, String site, List<String> continued) {
    Parameters input = new Parameters();
    input.addParameter("site", new StringType(site));
    continued.forEach(p -> input.addParameter("continuedConsent", new StringType(p)));
    return clients
        .as(user)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(input))
        .post(centralUrl() + "/$partner-departure");
  }

  static int integer(Parameters parameters, String name) {
    return Integer.parseInt(parameters.getParameter(name).getValue().primitiveValue());
  }

  /**
   * TUE, acted by the test, confirms its notices and the CCP application confirms its instructions;
   * then HD's waiting withdrawal is resumed.
   */
  Task completedOnceOthersConfirm(Task waiting) {
    assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    assertThat(waiting.getBusinessStatus().getText()).contains("TUE");
    SiteClient tue = site(network.siteTue);
    for (Parameters.ParametersParameterComponent notice : notices(tue).getParameter()) {
      confirm(tue, part(notice, "id"), "done", "test site TUE");
    }
    for (Parameters.ParametersParameterComponent r : replacements().getParameter()) {
      confirmReplacement(part(r, "id")).then().statusCode(200);
    }
    withdrawals.resume(waiting.getIdElement().getIdPart());
    return status(waiting);
  }

  /** The CCP application's token (client credentials; domains RPB-L, RPB-G). */
  String applicationToken() {
    return clients.applicationToken("imaging-platform", "imaging-platform-demo");
  }

  Parameters replacements() {
    Response response =
        clients
            .anonymous()
            .auth()
            .oauth2(applicationToken())
            .get(baseUrl() + "/$pseudonym-replacements");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return fhirContext.newJsonParser().parseResource(Parameters.class, response.asString());
  }

  Response confirmReplacement(String id) {
    Parameters input = new Parameters();
    input.addParameter("replacement", new StringType(id));
    return clients
        .anonymous()
        .auth()
        .oauth2(applicationToken())
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(input))
        .post(baseUrl() + "/$pseudonym-replacement-confirm");
  }

  static final java.time.Duration DAY = java.time.Duration.ofDays(1);

  SiteClient site(org.ccpfhir.security.ca.Credential credential) {
    return new SiteClient(credential, tls.caCertificate(), fhirContext);
  }

  String centralUrl() {
    return IdentityNetwork.url(network.centralList);
  }

  Parameters notices(SiteClient site) {
    return site.call(centralUrl(), "$withdrawal-notices", new Parameters());
  }

  Parameters.ParametersParameterComponent noticeFor(SiteClient site, String pseudonym) {
    return notices(site).getParameter().stream()
        .filter(n -> pseudonym.equals(part(n, "pseudonym")))
        .findFirst()
        .orElseThrow();
  }

  static String part(Parameters.ParametersParameterComponent parent, String name) {
    return parent.getPart().stream()
        .filter(p -> p.getName().equals(name))
        .map(p -> p.getValue().primitiveValue())
        .findFirst()
        .orElse(null);
  }

  Parameters confirmation(String notice, String outcome, String detail) {
    Parameters input = new Parameters();
    input.addParameter("notice", new StringType(notice));
    input.addParameter("outcome", new CodeType(outcome));
    if (detail != null) {
      input.addParameter("detail", new StringType(detail));
    }
    return input;
  }

  Parameters confirm(SiteClient site, String notice, String outcome, String detail) {
    return site.call(
        centralUrl(), "$withdrawal-notice-confirm", confirmation(notice, outcome, detail));
  }

  /** The central list's refusal of a confirmation (as the site's client reports it). */
  String refused(SiteClient site, Parameters input) {
    return refusal(site, "$withdrawal-notice-confirm", input);
  }

  /** The central list's refusal, with its status: "... refused the request (404): ...". */
  String refusal(SiteClient site, String operation, Parameters input) {
    try {
      site.call(centralUrl(), operation, input);
    } catch (UnprocessableEntityException e) {
      return e.getMessage();
    }
    throw new AssertionError("the central list accepted " + operation);
  }

  Parameters withdrawAtCentral(SiteClient site, String pseudonym, String mode) {
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(pseudonym));
    input.addParameter("mode", new CodeType(mode));
    return site.call(centralUrl(), "$withdraw-identity", input);
  }

  Parameters caseParameters(String caseId) {
    Parameters input = new Parameters();
    input.addParameter("case", new StringType(caseId));
    return input;
  }

  Parameters withdrawalCase(SiteClient site, Parameters answer) {
    return site.call(
        centralUrl(),
        "$withdrawal-case",
        caseParameters(answer.getParameter("case").getValue().primitiveValue()));
  }

  /** HD's withdrawal Task that the central list's notice of this case started. */
  Task notifiedTask(Parameters centralAnswer) {
    String caseId = centralAnswer.getParameter("case").getValue().primitiveValue();
    String id =
        bridgehead.queryForObject(
            "SELECT id FROM ccp_withdrawal WHERE central_case = ? AND origin = 'central-list'",
            String.class,
            caseId);
    Task named = new Task();
    named.setId(id);
    return status(named);
  }

  Parameters components(Task task) {
    Response response =
        clients
            .as("datamanager")
            .get(baseUrl() + "/$withdraw-components?task=" + task.getIdElement().getIdPart());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return fhirContext.newJsonParser().parseResource(Parameters.class, response.asString());
  }

  static String componentState(Parameters components, String code) {
    return components.getParameter().stream()
        .filter(p -> p.getName().equals("component") && code.equals(part(p, "code")))
        .map(p -> part(p, "state"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no component " + code));
  }

  Response document(Task task, String kind) {
    return clients
        .as("datamanager")
        .accept("application/fhir+json")
        .get(
            baseUrl()
                + "/$withdraw-document?task="
                + task.getIdElement().getIdPart()
                + "&document="
                + kind);
  }

  String markdown(Response response) {
    Binary binary = fhirContext.newJsonParser().parseResource(Binary.class, response.asString());
    assertThat(binary.getContentType()).startsWith("text/markdown");
    return new String(binary.getData(), StandardCharsets.UTF_8);
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
            "SELECT COUNT(*) FROM ccp_withdrawal_notice WHERE pseudonym = ?", Integer.class, value)
        + central.queryForObject(
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
