package org.ccpfhir.bridgehead.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.Pem;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.ccpfhir.security.cms.StudyKey;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code $export-study} through the FHIR API: a cohort of synthetic patients stored at the
 * bridgehead is exported; the test opens the export with the study key only, recomputes k-anonymity
 * on the rows and searches them for the patients' BK-IDs and resource ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudyExportIT extends PostgresIT {

  private static final int COHORT = 25;
  private static final List<String> QUASI_IDENTIFIERS =
      List.of("age", "sex", "diagnosis-date", "postcode", "icd10");

  @TempDir static Path dir;
  @Autowired DataSource dataSource;

  private Credential study;
  private Credential otherStudy;
  private final List<String> pseudonyms = new ArrayList<>();
  private final List<Identifier> identifiers = new ArrayList<>();
  private final List<String> patientIds = new ArrayList<>();
  private String groupId;

  @BeforeAll
  void studyCertificates() {
    NetworkCa ca =
        NetworkCa.create(
            dir.resolve("study-ca"), "pw".toCharArray(), "Study CA", Duration.ofDays(30));
    study = ca.issue(ComponentName.of("study-0042", null), List.of(), Duration.ofDays(10));
    otherStudy = ca.issue(ComponentName.of("study-0043", null), List.of(), Duration.ofDays(10));
  }

  @BeforeEach
  void cohort() {
    if (groupId != null) {
      return;
    }
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(
            UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false);
    Bundle transaction = SyntheticPatientGenerator.merge(generator.patients(0, COHORT).toList());
    Bundle response =
        fhirContext
            .newJsonParser()
            .parseResource(
                Bundle.class,
                fhir()
                    .body(fhirContext.newJsonParser().encodeResourceToString(transaction))
                    .post()
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    for (var entry : response.getEntry()) {
      String location = entry.getResponse().getLocation();
      if (location.startsWith("Patient/")) {
        patientIds.add(location.split("/")[1]);
      }
    }
    for (var entry : transaction.getEntry()) {
      if (entry.getResource() instanceof org.hl7.fhir.r4.model.Patient patient) {
        identifiers.add(patient.getIdentifierFirstRep().copy());
        pseudonyms.add(patient.getIdentifierFirstRep().getValue());
      }
    }
    Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
    patientIds.forEach(id -> group.addMember().setEntity(new Reference("Patient/" + id)));
    groupId = client.create().resource(group).execute().getId().getIdPart();
    assertThat(patientIds).hasSize(COHORT);
  }

  private Parameters request(String studyId, Credential certificate) {
    Parameters parameters = new Parameters();
    parameters.addParameter("study", new StringType(studyId));
    if (certificate != null) {
      parameters.addParameter(
          "studyCertificate", new StringType(Pem.encode(certificate.certificate())));
    }
    return parameters;
  }

  private Response post(Parameters parameters, String user) {
    return clients
        .as(user)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(parameters))
        .post("/fhir/$export-study");
  }

  private Parameters exported(Parameters parameters) {
    return fhirContext
        .newJsonParser()
        .parseResource(
            Parameters.class,
            post(parameters, "datamanager").then().statusCode(200).extract().asString());
  }

  private String open(Parameters answer, Credential recipient) {
    byte[] sealed = ((Attachment) answer.getParameter("export").getValue()).getData();
    byte[] wrapped = ((Attachment) answer.getParameter("studyKey").getValue()).getData();
    StudyKey key = StudyKey.unwrap(wrapped, recipient);
    assertThat(Envelopes.studyKeyId(sealed))
        .isEqualTo(answer.getParameter("keyId").getValue().primitiveValue());
    Opened opened = Envelopes.openForStudy(sealed, key, tls.verifier());
    assertThat(opened.sender()).isEqualTo(tls.self());
    return new String(opened.payload(), StandardCharsets.UTF_8);
  }

  private static List<String[]> csv(String text) {
    return Arrays.stream(text.split("\r\n")).map(line -> line.split(",", -1)).toList();
  }

  private static int integer(Parameters answer, String name) {
    return ((IntegerType) answer.getParameter(name).getValue()).getValue();
  }

  @Test
  void theExportOpensOnlyWithTheStudyKeyAndIsKAnonymous() {
    Parameters parameters = request("study-0042", study);
    parameters.addParameter("cohort", new Reference("Group/" + groupId));
    Parameters answer = exported(parameters);

    String text = open(answer, study);
    List<String[]> lines = csv(text);
    List<String> header = Arrays.asList(lines.get(0));
    List<String[]> rows = lines.subList(1, lines.size());
    assertThat(header.get(0)).isEqualTo("study-pseudonym");
    assertThat(header).contains("age", "sex", "diagnosis-date", "icd10", "vital-status");
    assertThat(rows).hasSize(integer(answer, "rows"));
    assertThat(integer(answer, "rows") + integer(answer, "suppressed")).isEqualTo(COHORT);
    assertThat(integer(answer, "suppressed")).isLessThanOrEqualTo(1); // 5 % of 25
    assertThat(integer(answer, "k")).isEqualTo(5);

    Map<List<String>, Integer> classes = new HashMap<>();
    for (String[] row : rows) {
      List<String> key = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (QUASI_IDENTIFIERS.contains(header.get(c))) {
          key.add(row[c]);
        }
      }
      classes.merge(key, 1, Integer::sum);
    }
    assertThat(classes.values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(5));
    assertThat(rows).allSatisfy(row -> assertThat(row[0]).matches("S[0-9A-F]{20}"));
    assertThat(text).doesNotContain(pseudonyms).doesNotContain("BK");
    assertThat(rows.stream().flatMap(Arrays::stream)).doesNotContainAnyElementsOf(patientIds);

    // another key, or the key wrapped for this study opened by another study, opens nothing
    byte[] sealed = ((Attachment) answer.getParameter("export").getValue()).getData();
    assertThatThrownBy(() -> Envelopes.openForStudy(sealed, StudyKey.generate(), tls.verifier()))
        .isInstanceOf(EnvelopeException.class);
    assertThatThrownBy(() -> open(answer, otherStudy)).isInstanceOf(EnvelopeException.class);
    assertThat(answer.getParameter("loss").getPart())
        .extracting(p -> p.getName())
        .contains("generalisationHeight", "discernibility", "suppressedShare");
  }

  @Test
  void studyPseudonymsAreStableInAStudyAndUnrelatedAcrossStudies() {
    Parameters byIdentifier = request("study-0042", study);
    Parameters otherStudyRequest = request("study-0043", otherStudy);
    for (Identifier identifier : identifiers) {
      byIdentifier.addParameter().setName("patient").setValue(identifier);
      otherStudyRequest.addParameter().setName("patient").setValue(identifier);
    }
    for (Parameters p : List.of(byIdentifier, otherStudyRequest)) {
      p.addParameter("k", new IntegerType(1));
      p.addParameter("column", new CodeType("icd10"));
    }
    Parameters byGroup = request("study-0042", study);
    byGroup.addParameter("cohort", new Reference("Group/" + groupId));
    byGroup.addParameter("k", new IntegerType(1));
    byGroup.addParameter("column", new CodeType("icd10"));

    List<String> first = column(open(exported(byIdentifier), study), 0);
    List<String> again = column(open(exported(byGroup), study), 0);
    List<String> other = column(open(exported(otherStudyRequest), otherStudy), 0);

    assertThat(first).hasSize(COHORT).doesNotHaveDuplicates();
    assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    assertThat(other).hasSize(COHORT).doesNotContainAnyElementsOf(first);
  }

  private static List<String> column(String text, int index) {
    List<String[]> lines = csv(text);
    return lines.subList(1, lines.size()).stream().map(row -> row[index]).toList();
  }

  @Test
  void kOfOneExportsTheStoredValuesAsABundle() {
    Parameters parameters = request("study-0042", study);
    parameters.addParameter("cohort", new Reference("Group/" + groupId));
    parameters.addParameter("k", new IntegerType(1));
    parameters.addParameter("format", new CodeType("bundle"));
    Parameters answer = exported(parameters);

    Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, open(answer, study));

    assertThat(bundle.getEntry()).hasSize(COHORT);
    assertThat(integer(answer, "suppressed")).isZero();
    assertThat(answer.getParameters("generalisation"))
        .allSatisfy(
            g -> assertThat(((IntegerType) g.getPart().get(1).getValue()).getValue()).isZero());
    Parameters row = (Parameters) bundle.getEntryFirstRep().getResource();
    assertThat(row.getParameter("icd10").getValue().primitiveValue())
        .matches("[CD]\\d\\d(\\.\\d+)?");
    assertThat(row.getParameter("diagnosis-date").getValue().primitiveValue())
        .matches("\\d{4}-\\d{2}");
  }

  @Test
  void badRequestsAreClientErrorsAndExportNothing() {
    Parameters tooSmall = request("study-0042", study);
    patientIds
        .subList(0, 3)
        .forEach(
            id ->
                tooSmall
                    .addParameter()
                    .setName("patient")
                    .setValue(new Reference("Patient/" + id)));
    post(tooSmall, "datamanager")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("k"))
        .body("issue.diagnostics", hasItem(containsString("fewer than k = 5")));

    Parameters unknown = request("study-0042", study);
    unknown
        .addParameter()
        .setName("patient")
        .setValue(new Identifier().setValue("NO-SUCH-PSEUDONYM"));
    post(unknown, "datamanager")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("patient[0]"))
        .body(org.hamcrest.Matchers.not(containsString("NO-SUCH-PSEUDONYM")));

    Parameters noCertificate = request("unregistered-study", null);
    noCertificate.addParameter("cohort", new Reference("Group/" + groupId));
    post(noCertificate, "datamanager")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("studyCertificate"));

    Parameters badCertificate = request("study-0042", null);
    badCertificate.addParameter(
        "studyCertificate",
        new StringType("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    badCertificate.addParameter("cohort", new Reference("Group/" + groupId));
    post(badCertificate, "datamanager").then().statusCode(400);

    Parameters badK = request("study-0042", study);
    badK.addParameter("cohort", new Reference("Group/" + groupId));
    badK.addParameter("k", new IntegerType(0));
    post(badK, "datamanager")
        .then()
        .statusCode(400)
        .body("issue.expression.flatten()", hasItem("k"));

    Parameters badStudy = request("study 42; <script>", study);
    badStudy.addParameter("cohort", new Reference("Group/" + groupId));
    post(badStudy, "datamanager")
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"));

    Parameters noGroup = request("study-0042", study);
    noGroup.addParameter("cohort", new Reference("Group/does-not-exist-" + UUID.randomUUID()));
    post(noGroup, "datamanager").then().statusCode(422);

    Parameters allowed = request("study-0042", study);
    allowed.addParameter("cohort", new Reference("Group/" + groupId));
    post(allowed, "researcher").then().statusCode(403);
    post(allowed, "admin").then().statusCode(403);
  }

  @Test
  void theExportIsAuditedWithCountsAndLossButNoPatient() {
    String studyId = "study-audit-" + UUID.randomUUID().toString().substring(0, 8);
    Parameters parameters = request(studyId, study);
    parameters.addParameter("cohort", new Reference("Group/" + groupId));
    exported(parameters);

    // The access record is durable before the answer leaves: no flush, no waiting.
    List<String> records =
        new JdbcTemplate(dataSource)
            .queryForList(
                "SELECT resource FROM ccp_audit_event WHERE resource LIKE ?",
                String.class,
                "%export-study: study " + studyId + "%");

    assertThat(records).hasSize(1);
    assertThat(records.get(0))
        .contains("datamanager")
        .contains(COHORT + " patients")
        .contains("k=5")
        .contains("discernibility")
        .doesNotContain(pseudonyms)
        .doesNotContain(patientIds.stream().map(id -> "Patient/" + id).toList());
  }
}
