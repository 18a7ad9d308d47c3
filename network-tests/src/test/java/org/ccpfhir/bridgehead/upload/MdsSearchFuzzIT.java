package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.searchagent.BrokerNetwork;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.testsupport.SecureClients;
import org.ccpfhir.testsupport.fuzz.FuzzRun;
import org.ccpfhir.testsupport.fuzz.FuzzTarget;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile requests against fhir-mds-search in both of its roles, each a real Spring Boot
 * app: the MDS database called as the bridgehead of site TUE (mutual TLS: upload, withdrawal,
 * subject data) and the broker called as a researcher (search requests as Tasks, counts). No 5xx,
 * every 4xx an OperationOutcome, healthy afterwards. Seed printed; replay with {@code
 * -Dfuzz.seed=S}.
 */
class MdsSearchFuzzIT extends NetworkIT {

  @Test
  void theMdsDatabaseAnswersHostileSiteRequestsWithClientErrors() {
    IdentityNetwork network = IdentityNetwork.shared();
    FuzzTarget target =
        new FuzzTarget("mds-database")
            .post(MdsUploadContract.OPERATION, "envelope", "entry", "pseudonym", "action", "bundle")
            .post("$mds-withdraw", "envelope")
            .get("$mds-record", "site", "pseudonym")
            .post(SubjectDataContract.OPERATION, "caseNumber", "pseudonym")
            // admin only: a site's certificate must never reach it, whatever the body
            .post("$mds-partner-departure", "site", "instruction")
            .search("Patient", "gender", "birthdate", "_has:Condition:subject:code")
            .search("Condition", "code", "onset-date")
            .hapiBuiltIns()
            .formPaths("/oauth2/token");
    FuzzRun.Result result =
        new FuzzRun(
                "https://localhost:" + IdentityNetwork.port(MdsDatabase.shared()),
                SecureClients.mutualTls(
                    network.siteTue.privateKey(), network.siteTue.chain(), tls.caCertificate()),
                request -> request)
            .run(target, FuzzRun.seed(), FuzzRun.cases(300, 0.15));
    assertClean(result);
  }

  @Test
  void theBrokerAnswersHostileResearcherRequestsWithClientErrors() {
    BrokerNetwork broker = BrokerNetwork.shared();
    String root = broker.url().replace("/fhir", "");
    var context = FuzzRun.trusting(tls.caCertificate());
    String token = FuzzRun.passwordToken(root, context, "researcher", "researcher-demo");
    FuzzTarget target =
        new FuzzTarget("broker")
            .post("$evaluate-measure", "periodStart", "periodEnd", "measure", "reportType")
            .post("$search-terms", "filter", "count")
            .get("$search-terms", "filter", "count")
            .search("Task", "part-of", "_lastUpdated", "_count")
            .search("Patient", "gender", "birthdate", "_has:Condition:subject:code")
            .search("Condition", "code", "onset-date", "subject")
            .search("Observation", "code", "value-concept")
            .validBody(fhirContext.newJsonParser().encodeResourceToString(searchRequest()))
            .bodyPaths("Task")
            .hapiBuiltIns()
            .formPaths("/oauth2/token")
            .protectedEntry("GET", "AuditEvent")
            .protectedEntry("POST", "AuditEvent");
    FuzzRun.Result result =
        new FuzzRun(root, context, request -> request.header("Authorization", "Bearer " + token))
            .run(target, FuzzRun.seed(), FuzzRun.cases(300, 0.15));
    assertClean(result);
  }

  /** A valid search request of a researcher (as the broker's own tests send it). */
  private static Task searchRequest() {
    Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    task.getRestriction().getPeriod().setEnd(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    task.getRestriction()
        .addRecipient(
            new Reference()
                .setIdentifier(new Identifier().setSystem(SearchTasks.SITE_SYSTEM).setValue("HD")));
    task.addInput()
        .setType(type(SearchTasks.CRITERIA))
        .setValue(
            new Expression()
                .setLanguage(SearchTasks.QUERY_LANGUAGE)
                .setExpression("Patient?gender=female"));
    task.addInput().setType(type(SearchTasks.PROSE)).setValue(new StringType("women"));
    return task;
  }

  private static CodeableConcept type(String code) {
    return new CodeableConcept().addCoding(new Coding(SearchTasks.PARAMETER_SYSTEM, code, null));
  }

  private static void assertClean(FuzzRun.Result result) {
    assertThat(result.failures()).as(result.summary()).isEmpty();
    assertThat(result.healthyAfter()).as("health after the run").isTrue();
  }
}
