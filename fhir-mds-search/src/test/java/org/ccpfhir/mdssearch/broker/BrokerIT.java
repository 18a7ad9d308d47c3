package org.ccpfhir.mdssearch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The broker's contract with researchers and sites, over HTTPS and mutual TLS on loopback. */
class BrokerIT extends BrokerItSupport {

  static final String CRITERIA = "Condition?code:below=C50 AND NOT Patient?gender=male";
  final Researcher researcher = new Researcher();

  @Autowired JdbcTemplate jdbc;

  Instant inDays(int days) {
    return Instant.now().plus(days, ChronoUnit.DAYS);
  }

  Task receive(SiteConnection site, String requestId, String code) {
    Task task = site.read(requestId + "-" + code);
    task.setStatus(Task.TaskStatus.RECEIVED);
    HttpResponse<String> response = site.put(task);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response.body());
  }

  HttpResponse<String> change(SiteConnection site, Task task, Task.TaskStatus status) {
    task.setStatus(status);
    return site.put(task);
  }

  @Test
  void approvedCountAndRejectionReachTheResearcherAndNothingElseBefore() {
    SiteConnection hd = site("HD");
    SiteConnection tue = site("TUE");
    Response created =
        create("researcher", researcher.request(CRITERIA, "feasibility", inDays(30), "HD", "TUE"));
    assertThat(created.statusCode()).isEqualTo(201);
    Task stored = parse(created.asString());
    assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(stored.getRequester().getIdentifier().getValue()).isEqualTo("researcher");
    String id = stored.getIdPart();

    // each site finds its Task through the long-poll and says "received"
    for (SiteConnection site : List.of(hd, tue)) {
      Bundle polled = site.poll(null, 0);
      assertThat(polled.getEntry())
          .extracting(e -> ((Task) e.getResource()).getPartOfFirstRep().getReference())
          .contains("Task/" + id);
    }
    Task atHd = receive(hd, id, "HD");
    Task atTue = receive(tue, id, "TUE");
    assertThat(atHd.getOwner().getIdentifier().getValue()).isEqualTo("HD");
    assertThat(atHd.getRestriction().getRecipient()).as("sites never see each other").isEmpty();

    Map<String, Task> seen = bySite(siteTasksOf("researcher", id));
    assertThat(seen.values())
        .allSatisfy(t -> assertThat(t.getStatus()).isEqualTo(Task.TaskStatus.RECEIVED));
    assertThat(seen.values()).allSatisfy(t -> assertThat(t.hasOutput()).isFalse());

    // HD approves and releases a count and a message, sealed for the researcher
    assertThat(change(hd, atHd, Task.TaskStatus.ACCEPTED).statusCode()).isEqualTo(200);
    atHd = hd.read(id + "-HD");
    Parameters result = new Parameters();
    result.addParameter(SearchTasks.RESULT_COUNT, new IntegerType(20));
    result.addParameter(SearchTasks.RESULT_MESSAGE, new StringType("contact ccp@hd.example"));
    byte[] sealed =
        Envelopes.seal(
            FHIR.newJsonParser().encodeResourceToString(result).getBytes(StandardCharsets.UTF_8),
            BrokerPki.shared().siteHd,
            researcher.credential.certificate());
    atHd.addOutput()
        .setType(Researcher.type(SearchTasks.RELEASED_RESULT))
        .setValue(new Attachment().setContentType(SearchTasks.CMS_CONTENT_TYPE).setData(sealed));
    HttpResponse<String> completed = change(hd, atHd, Task.TaskStatus.COMPLETED);
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
    // TUE rejects with a reason, sealed for the researcher like a count (issue 23)
    Parameters rejection = new Parameters();
    rejection.addParameter(SearchTasks.RESULT_REASON, new StringType("no capacity for this study"));
    atTue.setStatusReason(new CodeableConcept().setText(SearchTasks.REASON_SEALED));
    atTue
        .addOutput()
        .setType(Researcher.type(SearchTasks.RELEASED_RESULT))
        .setValue(
            new Attachment()
                .setContentType(SearchTasks.CMS_CONTENT_TYPE)
                .setData(
                    Envelopes.seal(
                        FHIR.newJsonParser()
                            .encodeResourceToString(rejection)
                            .getBytes(StandardCharsets.UTF_8),
                        BrokerPki.shared().siteTue,
                        researcher.credential.certificate())));
    assertThat(change(tue, atTue, Task.TaskStatus.REJECTED).statusCode()).isEqualTo(200);

    seen = bySite(siteTasksOf("researcher", id));
    assertThat(seen.get("TUE").getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
    assertThat(seen.get("TUE").getStatusReason().getText()).isEqualTo(SearchTasks.REASON_SEALED);
    Opened reason =
        Envelopes.open(
            ((Attachment) seen.get("TUE").getOutputFirstRep().getValue()).getData(),
            researcher.credential,
            new CertificateVerifier(
                BrokerPki.shared().ca.certificate(),
                BrokerPki.shared().ca::crl,
                Clock.systemUTC()));
    assertThat(new String(reason.payload(), StandardCharsets.UTF_8))
        .contains("no capacity for this study");
    Task hdResult = seen.get("HD");
    assertThat(hdResult.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    Opened opened =
        Envelopes.open(
            ((Attachment) hdResult.getOutputFirstRep().getValue()).getData(),
            researcher.credential,
            new CertificateVerifier(
                BrokerPki.shared().ca.certificate(),
                BrokerPki.shared().ca::crl,
                Clock.systemUTC()));
    assertThat(opened.sender().site()).isEqualTo("HD");
    Parameters released =
        FHIR.newJsonParser()
            .parseResource(Parameters.class, new String(opened.payload(), StandardCharsets.UTF_8));
    assertThat(((IntegerType) released.getParameterValue(SearchTasks.RESULT_COUNT)).getValue())
        .isEqualTo(20);
    assertThat(released.getParameterValue(SearchTasks.RESULT_MESSAGE).primitiveValue())
        .isEqualTo("contact ccp@hd.example");
    // settled everywhere: the request is completed
    Task request =
        parse(as("researcher").get("/fhir/Task/" + id).then().statusCode(200).extract().asString());
    assertThat(request.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
  }

  static Map<String, Task> bySite(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(e -> (Task) e.getResource())
        .collect(
            Collectors.toMap(t -> t.getOwner().getIdentifier().getValue(), Function.identity()));
  }

  @Test
  void sitesAndOtherResearchersSeeAndChangeNothingThatIsNotTheirs() {
    SiteConnection hd = site("HD");
    SiteConnection tue = site("TUE");
    String id = created(researcher.request(CRITERIA, null, inDays(5), "HD"));
    Task atHd = hd.read(id + "-HD");

    assertThat(tue.get("Task/" + id + "-HD").statusCode()).isEqualTo(403);
    assertThat(tue.get("Task/" + id).statusCode()).isEqualTo(403);
    assertThat(change(tue, atHd.copy(), Task.TaskStatus.RECEIVED).statusCode()).isEqualTo(403);
    assertThat(tue.poll(null, 0).getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .noneMatch(taskId -> taskId.startsWith(id));
    assertThat(tue.get("Task?part-of=Task/" + id).statusCode()).isEqualTo(400);
    as("other").get("/fhir/Task/" + id).then().statusCode(403);
    as("other").get("/fhir/Task/" + id + "-HD").then().statusCode(403);
    as("other").get("/fhir/Task?part-of=Task/" + id).then().statusCode(403);
    anonymous().get("/fhir/Task/" + id).then().statusCode(401);
    assertThat(hd.read(id + "-HD").getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
  }

  /** Issue 23: who asks reaches the sites as the researcher stated it. */
  @Test
  void requesterNameInstitutionAndProjectReachTheSites() {
    SiteConnection hd = site("HD");
    Task request = researcher.request(CRITERIA, "prose", inDays(5), "HD");
    request
        .addInput()
        .setType(Researcher.type(SearchTasks.REQUESTER_NAME))
        .setValue(new StringType("Dr. Anna Muster"));
    request
        .addInput()
        .setType(Researcher.type(SearchTasks.REQUESTER_INSTITUTION))
        .setValue(new StringType("DKFZ Heidelberg"));
    request
        .addInput()
        .setType(Researcher.type(SearchTasks.PROJECT))
        .setValue(new StringType("Cohort 2026"));
    String id = created(request);
    Task siteTask = hd.read(id + "-HD");
    assertThat(siteTask.getInput())
        .extracting(
            i -> i.getType().getCodingFirstRep().getCode() + "=" + i.getValue().primitiveValue())
        .contains(
            "requester-name=Dr. Anna Muster",
            "requester-institution=DKFZ Heidelberg",
            "project=Cohort 2026");
  }

  @Test
  void requestFieldsNeverChange() {
    SiteConnection hd = site("HD");
    String id = created(researcher.request(CRITERIA, "prose", inDays(5), "HD"));
    Task request = parse(as("researcher").get("/fhir/Task/" + id).then().extract().asString());
    ((Expression) request.getInputFirstRep().getValue()).setExpression("Patient?gender=female");
    as("researcher")
        .contentType("application/fhir+json")
        .body(FHIR.newJsonParser().encodeResourceToString(request))
        .put("/fhir/Task/" + id)
        .then()
        .statusCode(403);
    Task siteTask = hd.read(id + "-HD");
    as("researcher")
        .contentType("application/fhir+json")
        .body(
            FHIR.newJsonParser()
                .encodeResourceToString(siteTask.setStatus(Task.TaskStatus.CANCELLED)))
        .put("/fhir/Task/" + id + "-HD")
        .then()
        .statusCode(403);

    // the site may not change the criteria it was sent either
    Task changed = hd.read(id + "-HD");
    ((Expression) changed.getInputFirstRep().getValue()).setExpression("Patient");
    HttpResponse<String> refused = change(hd, changed, Task.TaskStatus.RECEIVED);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("Task.input");
    Task unchanged = parse(as("researcher").get("/fhir/Task/" + id).then().extract().asString());
    assertThat(((Expression) unchanged.getInputFirstRep().getValue()).getExpression())
        .isEqualTo(CRITERIA);
    assertThat(hd.read(id + "-HD").getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
  }

  @Test
  void invalidTransitionsAreRefusedAndAudited() {
    SiteConnection hd = site("HD");
    String id = created(researcher.request(CRITERIA, null, inDays(5), "HD"));
    Task task = hd.read(id + "-HD");
    HttpResponse<String> skip = change(hd, task, Task.TaskStatus.COMPLETED);
    assertThat(skip.statusCode()).isEqualTo(422);
    assertThat(skip.body()).contains("Task.status", "requested", "received");

    Task received = receive(hd, id, "HD");
    HttpResponse<String> noReason = change(hd, received.copy(), Task.TaskStatus.REJECTED);
    assertThat(noReason.statusCode()).isEqualTo(422);
    assertThat(noReason.body()).contains("Task.statusReason.text");
    Task early = received.copy();
    early
        .addOutput()
        .setType(Researcher.type(SearchTasks.RELEASED_RESULT))
        .setValue(
            new Attachment().setContentType(SearchTasks.CMS_CONTENT_TYPE).setData(new byte[] {1}));
    assertThat(change(hd, early, Task.TaskStatus.ACCEPTED).statusCode()).isEqualTo(422);
    assertThat(hd.read(id + "-HD").getStatus()).isEqualTo(Task.TaskStatus.RECEIVED);

    // a reason in plain text is refused: the broker never holds one (issue 23)
    Task plain = received.copy();
    plain.setStatusReason(new CodeableConcept().setText("not now"));
    HttpResponse<String> plainReason = change(hd, plain, Task.TaskStatus.REJECTED);
    assertThat(plainReason.statusCode()).isEqualTo(422);
    assertThat(plainReason.body()).contains("Task.statusReason.text", "sealed");
    assertThat(hd.read(id + "-HD").getStatus()).isEqualTo(Task.TaskStatus.RECEIVED);
    Task sealedWithoutEnvelope = received.copy();
    sealedWithoutEnvelope.setStatusReason(new CodeableConcept().setText(SearchTasks.REASON_SEALED));
    assertThat(change(hd, sealedWithoutEnvelope, Task.TaskStatus.REJECTED).statusCode())
        .isEqualTo(422);

    received.setStatusReason(new CodeableConcept().setText(SearchTasks.REASON_SEALED));
    received
        .addOutput()
        .setType(Researcher.type(SearchTasks.RELEASED_RESULT))
        .setValue(
            new Attachment()
                .setContentType(SearchTasks.CMS_CONTENT_TYPE)
                .setData(
                    Envelopes.seal(
                        "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8),
                        BrokerPki.shared().siteHd,
                        researcher.credential.certificate())));
    assertThat(change(hd, received.copy(), Task.TaskStatus.REJECTED).statusCode()).isEqualTo(200);
    assertThat(change(hd, hd.read(id + "-HD"), Task.TaskStatus.ACCEPTED).statusCode())
        .as("settled")
        .isEqualTo(409);
    assertThat(auditDetails(id))
        .anyMatch(d -> d.contains("refused"))
        .anyMatch(d -> d.contains("received -> rejected"));
  }

  List<String> auditDetails(String id) {
    try {
      Thread.sleep(300); // the audit writer flushes every 50 ms
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return jdbc.queryForList(
        "SELECT resource FROM ccp_audit_event WHERE path LIKE ?",
        String.class,
        "/fhir/Task/" + id + "%");
  }

  @Test
  void badRequestsAreRefusedWithWhatAndWhereAndNothingIsStored() {
    int before = siteTaskRows();
    assertRefused(researcher.request("Condition?code=C50 AND", null, inDays(5)), "expression");
    assertRefused(researcher.request("Condition?code=X99X", null, inDays(5)), "unknown term");
    assertRefused(
        researcher.request("Specimen?type=blood-of-unicorn", null, inDays(5)), "unknown term");
    assertRefused(
        researcher.request("Patient?name=x", null, inDays(5)), "unsupported search parameter");
    assertRefused(
        researcher.request(CRITERIA, "x".repeat(SearchTasks.MAX_PROSE + 1), inDays(5)), "prose");
    assertRefused(
        researcher.request(CRITERIA, null, inDays(5), "XX"), "Task.restriction.recipient[0]");
    assertRefused(researcher.request(CRITERIA, null, inDays(-1)), "Task.restriction.period.end");
    Task longName = researcher.request(CRITERIA, null, inDays(5));
    longName
        .addInput()
        .setType(Researcher.type(SearchTasks.REQUESTER_NAME))
        .setValue(new StringType("x".repeat(SearchTasks.MAX_REQUESTER_DETAIL + 1)));
    assertRefused(longName, "requester-name");
    Task twoProjects = researcher.request(CRITERIA, null, inDays(5));
    for (String project : List.of("A", "B")) {
      twoProjects
          .addInput()
          .setType(Researcher.type(SearchTasks.PROJECT))
          .setValue(new StringType(project));
    }
    assertRefused(twoProjects, "given twice");
    Task noCertificate = researcher.request(CRITERIA, null, inDays(5));
    noCertificate
        .getInput()
        .removeIf(
            i ->
                i.getType()
                    .hasCoding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.REQUESTER_CERTIFICATE));
    assertRefused(noCertificate, "requester-certificate");
    assertThat(siteTaskRows()).isEqualTo(before);
  }

  void assertRefused(Task request, String message) {
    Response response = create("researcher", request);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
    assertThat(response.asString()).contains("OperationOutcome", message);
  }

  int siteTaskRows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM broker_site_task", Integer.class);
  }

  @Test
  void anExpiredRequestCannotBeApprovedAndItsSitesLearnOfIt() throws Exception {
    SiteConnection hd = site("HD");
    String id = created(researcher.request(CRITERIA, null, Instant.now().plusSeconds(2), "HD"));
    Task received = receive(hd, id, "HD");
    String cursor = received.getMeta().getLastUpdatedElement().getValueAsString();
    Thread.sleep(2200);
    HttpResponse<String> late = change(hd, received, Task.TaskStatus.ACCEPTED);
    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    assertThat(late.body()).contains("expired");
    Bundle news = hd.poll(cursor, 5);
    Task expired = (Task) news.getEntryFirstRep().getResource();
    assertThat(expired.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
    assertThat(expired.getBusinessStatus().getCodingFirstRep().getCode())
        .isEqualTo(SearchTasks.STATE_EXPIRED);
  }
}
