package org.ccpfhir.bridgehead.subjectaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.expectedIdat;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.first;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.identifyingValues;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.ids;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.pseudonymValues;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.resources;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.summary;
import static org.ccpfhir.bridgehead.subjectaccess.ExportEntries.withIdAndTag;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.ccpfhir.bridgehead.upload.MdsDatabase;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.bridgehead.upload.NetworkPeer;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.audit.AuditRepository;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.retention.RetentionPurgeJob;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An access request end to end: this bridgehead (site HD) with its local patient list, the identity
 * network and the MDS database, each its own Spring application on loopback with mutual TLS. A
 * patient with identifying data, MDAT, a network consent, a global pseudonym (from the upload), a
 * project pseudonym and a record in the MDS database; the export must hold exactly that.
 */
class AccessRequestIT extends NetworkIT {

  @Autowired DataSource bridgeheadDatabase;
  @Autowired MdsPseudonyms mdsPseudonyms;
  @Autowired AuditRecorder auditRecorder;
  @Autowired AuditRepository auditTrail;
  @Autowired RetentionPurgeJob retention;
  @Autowired AccessRequestRepository cases;

  IdentityNetwork network;
  JdbcTemplate bridgehead;
  JdbcTemplate mds;
  JdbcTemplate centralList;

  @BeforeEach
  void network() {
    network = IdentityNetwork.shared();
    bridgehead = new JdbcTemplate(bridgeheadDatabase);
    mds = new JdbcTemplate(MdsDatabase.shared().getBean(DataSource.class));
    centralList = new JdbcTemplate(network.centralList.getBean(DataSource.class));
  }

  /** What the test stored about its patient, per component. */
  record Stored(
      Patient idat,
      String bkLocal,
      Set<String> clinical,
      String consent,
      String project,
      String bkGlobal,
      String mdsId) {}

  Stored storePatient() {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, true)
            .patients(0, 1)
            .findFirst()
            .orElseThrow();
    Patient idat = ((Patient) bundle.getEntryFirstRep().getResource()).copy();
    Response response = fhir().body(encode(bundle)).post();
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    Set<String> clinical =
        parse(Bundle.class, response.asString()).getEntry().stream()
            .map(e -> e.getResponse().getLocation().replaceAll("/_history/.*", ""))
            .collect(Collectors.toSet());
    String patientId =
        clinical.stream().filter(l -> l.startsWith("Patient/")).findFirst().orElseThrow();
    String bkLocal =
        parse(Patient.class, fhir().get("/" + patientId).asString()).getIdentifier().stream()
            .filter(i -> i.getSystem().endsWith("/BK-HD-L"))
            .findFirst()
            .orElseThrow()
            .getValue();
    Response consent =
        fhir()
            .body(encode(ConsentResources.consent(patientId, NetworkConsent.NETWORK)))
            .post("/Consent");
    assertThat(consent.statusCode()).as(consent.asString()).isEqualTo(201);
    String consentId =
        "Consent/" + parse(org.hl7.fhir.r4.model.Consent.class, consent.asString()).getIdPart();
    String project = projectPseudonym(bkLocal);
    // the Teiler fetches the global pseudonym and uploads the patient to the MDS database
    Response upload = fhir().body("{\"resourceType\":\"Parameters\"}").post("/$upload");
    assertThat(upload.statusCode()).as(upload.asString()).isEqualTo(200);
    String bkGlobal =
        bridgehead.queryForObject(
            "SELECT bk_global FROM ccp_upload_state WHERE patient_id = ?",
            String.class,
            patientId.substring("Patient/".length()));
    byte[] sealed = mdsPseudonyms.network(bkGlobal);
    String mdsId =
        new String(
            Envelopes.open(sealed, network.mdsSearch, tls.verifier()).payload(),
            StandardCharsets.US_ASCII);
    return new Stored(idat, bkLocal, clinical, consentId, project, bkGlobal, mdsId);
  }

  String projectPseudonym(String bkLocal) {
    Parameters input = new Parameters();
    input.addParameter("target", new StringType("RPB-L"));
    input.addParameter("original", new StringType(bkLocal));
    Response response = fhir().body(encode(input)).post("/$pseudonymize");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return ((Identifier)
            parse(Parameters.class, response.asString())
                .getParameter("pseudonym")
                .getPart()
                .stream()
                .filter(p -> p.getName().equals("pseudonym"))
                .findFirst()
                .orElseThrow()
                .getValue())
        .getValue();
  }

  Response accessRequest(String pseudonym) {
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(pseudonym));
    return fhir().body(encode(input)).post("/$access-request");
  }

  @Test
  void theExportHoldsExactlyWhatIsStoredPerComponent() {
    Stored stored = storePatient();
    // the same person registered at TUE too: the central list links it or keeps it for review
    SiteClient tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);
    new NetworkPeer(tue, network.siteTue, network, fhirContext).globalPseudonym(stored.idat());
    long person =
        centralList.queryForObject(
            "SELECT person_id FROM ccp_site_pseudonym WHERE pseudonym = ?",
            Long.class,
            stored.bkGlobal());
    List<String> controlNumbers =
        centralList.queryForList(
            "SELECT control_numbers FROM ccp_control_record WHERE person_id = ?",
            String.class,
            person);

    Response response = accessRequest(stored.bkLocal());

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    Bundle export = parse(Bundle.class, response.asString());
    String caseNumber = export.getIdentifier().getValue();
    assertThat(caseNumber).matches("AR-[A-Z2-7]{16}");
    assertThat(export.getIdentifier().getSystem()).isEqualTo(AccessRequestExport.CASE_SYSTEM);
    // identifying data: exactly the list's record of the patient
    assertThat(encode(first(export, ExportComponent.LOCAL_PATIENT_LIST)))
        .isEqualTo(encode(withIdAndTag(expectedIdat(stored.idat()))));
    // the site store: every resource the test stored, nothing else; the consent apart
    assertThat(ids(export, ExportComponent.SITE_STORE)).isEqualTo(stored.clinical());
    assertThat(ids(export, ExportComponent.CONSENT)).containsExactly(stored.consent());
    // pseudonyms: local, global and the project's
    Parameters pseudonyms = (Parameters) first(export, ExportComponent.PSEUDONYMS);
    assertThat(pseudonymValues(pseudonyms))
        .containsExactly(
            "local " + stored.bkLocal(), "global " + stored.bkGlobal(), "RPB " + stored.project());
    // the MDS database: this site's record of the patient, as stored there
    List<Resource> records = resources(export, ExportComponent.MDS_DATABASE);
    assertThat(records).hasSize(1);
    Bundle central =
        parse(
            Bundle.class,
            mds.queryForObject(
                "SELECT bundle_json FROM mds_record WHERE site = 'HD' AND mds_id = ?",
                String.class,
                stored.mdsId()));
    assertThat(entries((Bundle) records.get(0))).isEqualTo(entries(central));
    assertThat(summary(export))
        .containsExactly(
            "local-patient-list complete 1",
            "site-store complete " + stored.clinical().size(),
            "consent complete 1",
            "pseudonyms complete 3",
            "mds-database complete 1",
            "central-list complete " + controlNumbers.size());
    // the central list: the sites and linked records as stored there, no control numbers
    Parameters listFacts = (Parameters) first(export, ExportComponent.CENTRAL_LIST);
    assertThat(listFacts.getParameter(CentralSubjectDataContract.KNOWN).getValue().primitiveValue())
        .isEqualTo("true");
    assertThat(values(listFacts, CentralSubjectDataContract.SITE))
        .isEqualTo(
            centralList.queryForList(
                "SELECT DISTINCT site FROM ccp_site_pseudonym WHERE person_id = ? ORDER BY site",
                String.class,
                person));
    assertThat(listFacts.getParameters(CentralSubjectDataContract.RECORD))
        .hasSize(controlNumbers.size());
    assertThat(
            listFacts
                .getParameter(CentralSubjectDataContract.MDS_PSEUDONYM)
                .getValue()
                .primitiveValue())
        .isEqualTo("true");
    assertThat(encode(listFacts)).doesNotContain(controlNumbers).doesNotContain(stored.mdsId());

    // the kept export is the same, machine-readable and as HTML
    Response again = fhir().get("/$access-request-export?case=" + caseNumber + "&format=bundle");
    assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
    assertThat(parse(Bundle.class, again.asString()).getEntry()).hasSize(export.getEntry().size());
    Response html =
        clients
            .as("datamanager")
            .accept("text/html")
            .get(baseUrl() + "/$access-request-export?case=" + caseNumber + "&format=html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.asString())
        .contains("<h1>Access request " + caseNumber + "</h1>", stored.bkLocal());
    // the stored case keeps no identifying data
    String kept =
        bridgehead.queryForObject(
            "SELECT export_json FROM ccp_access_request WHERE case_number = ?",
            String.class,
            caseNumber);
    assertThat(kept).doesNotContain(identifyingValues(stored.idat()));

    // audited by case number: no identifying data, no BK-ID, here and at the MDS database
    auditRecorder.flush();
    List<String> audit = auditMentioning(bridgehead, caseNumber);
    assertThat(audit).isNotEmpty();
    assertThat(String.join("\n", audit))
        .doesNotContain(identifyingValues(stored.idat()))
        .doesNotContain(stored.bkLocal(), stored.bkGlobal());
    MdsDatabase.shared().getBean(AuditRecorder.class).flush();
    List<String> centralAudit = auditMentioning(mds, caseNumber);
    assertThat(centralAudit).isNotEmpty();
    assertThat(String.join("\n", centralAudit))
        .contains("1 records")
        .doesNotContain(stored.bkLocal(), stored.bkGlobal(), stored.mdsId());
    network.centralList.getBean(AuditRecorder.class).flush();
    List<String> listAudit = auditMentioning(centralList, caseNumber);
    assertThat(listAudit).isNotEmpty();
    assertThat(String.join("\n", listAudit))
        .contains("of site HD: known")
        .doesNotContain(stored.bkGlobal());
  }

  @Test
  void anotherSiteLearnsNothingFromTheCentralListWithHdsPseudonym() {
    Stored stored = storePatient();
    SiteClient hd = new SiteClient(tls.credential(), tls.caCertificate(), fhirContext);
    SiteClient tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);

    Parameters atHd = centralSubjectData(hd, stored.bkGlobal());
    Parameters atTue = centralSubjectData(tue, stored.bkGlobal());

    assertThat(atHd.getParameter(CentralSubjectDataContract.KNOWN).getValue().primitiveValue())
        .isEqualTo("true");
    assertThat(values(atHd, CentralSubjectDataContract.SITE)).contains("HD");
    // TUE: "not known", nothing more
    assertThat(atTue.getParameter(CentralSubjectDataContract.KNOWN).getValue().primitiveValue())
        .isEqualTo("false");
    assertThat(atTue.getParameter())
        .extracting(Parameters.ParametersParameterComponent::getName)
        .containsExactly(CentralSubjectDataContract.CASE_NUMBER, CentralSubjectDataContract.KNOWN);
    Parameters nobodys =
        centralSubjectData(hd, "BKHDG" + UUID.randomUUID().toString().substring(0, 8));
    // ... and HD asking with a pseudonym nobody has gets the same answer (but its case number)
    assertThat(withoutCaseNumber(nobodys)).isEqualTo(withoutCaseNumber(atTue));
    // a malformed case number is refused, naming the parameter
    assertThatThrownBy(() -> centralSubjectData(hd, "AR-0000", stored.bkGlobal()))
        .hasMessageContaining("(400)")
        .hasMessageContaining("caseNumber");
    // without a bridgehead certificate: refused
    Response anonymous =
        io.restassured.RestAssured.given()
            .relaxedHTTPSValidation()
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(
                IdentityNetwork.url(network.centralList)
                    + "/"
                    + CentralSubjectDataContract.OPERATION);
    assertThat(anonymous.statusCode()).isIn(401, 403);
  }

  Parameters centralSubjectData(SiteClient site, String bkGlobal) {
    return centralSubjectData(
        site, new CaseNumbers(new java.security.SecureRandom()).next(), bkGlobal);
  }

  Parameters centralSubjectData(SiteClient site, String caseNumber, String bkGlobal) {
    Parameters question = new Parameters();
    question.addParameter(CentralSubjectDataContract.CASE_NUMBER, new StringType(caseNumber));
    question.addParameter(CentralSubjectDataContract.PSEUDONYM, new StringType(bkGlobal));
    return site.call(
        IdentityNetwork.url(network.centralList), CentralSubjectDataContract.OPERATION, question);
  }

  static List<String> withoutCaseNumber(Parameters answer) {
    return answer.getParameter().stream()
        .filter(p -> !p.getName().equals(CentralSubjectDataContract.CASE_NUMBER))
        .map(p -> p.getName() + " " + p.getValue().primitiveValue())
        .toList();
  }

  static List<String> values(Parameters parameters, String name) {
    return parameters.getParameters(name).stream().map(p -> p.getValue().primitiveValue()).toList();
  }

  @Test
  void anotherSiteCannotFetchTheMdsData() {
    Stored stored = storePatient();
    SiteClient hd = new SiteClient(tls.credential(), tls.caCertificate(), fhirContext);
    SiteClient tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);
    byte[] global = mdsPseudonyms.network(stored.bkGlobal());
    byte[] local = mdsPseudonyms.local(stored.bkLocal());

    // HD itself finds the record under the global pseudonym
    assertThat(subjectData(hd, global).getParameters(SubjectDataContract.RECORD)).hasSize(1);
    // TUE replaying HD's envelope of the MDS*G-ID gets only TUE's records: none
    Parameters atTue = subjectData(tue, global);
    assertThat(atTue.getParameters(SubjectDataContract.RECORD)).isEmpty();
    assertThat(atTue.getParameter(SubjectDataContract.SITE).getValue().primitiveValue())
        .isEqualTo("TUE");
    // HD's own local pseudonym is refused to TUE
    assertThatThrownBy(() -> subjectData(tue, local))
        .hasMessageContaining("refused the request (403)")
        .hasMessageContaining("pseudonym[0]");
    // without a bridgehead certificate: refused
    Response anonymous =
        io.restassured.RestAssured.given()
            .relaxedHTTPSValidation()
            .contentType("application/fhir+json")
            .body(encode(subjectDataQuestion(global)))
            .post(IdentityNetwork.url(MdsDatabase.shared()) + "/" + SubjectDataContract.OPERATION);
    assertThat(anonymous.statusCode()).isIn(401, 403);
  }

  @Test
  void unknownOrMissingPseudonymsAreRefusedAndChangeNothing() {
    int before = cases();

    Response unknown = accessRequest("BKHDL" + UUID.randomUUID().toString().substring(0, 8));
    Response missing = fhir().body("{\"resourceType\":\"Parameters\"}").post("/$access-request");
    Response badCase = fhir().get("/$access-request-export?case=AR-0000");
    Response noCase = fhir().get("/$access-request-export?case=AR-AAAAAAAAAAAAAAAA");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.asString()).contains("OperationOutcome", "parameter 'pseudonym'");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.asString()).contains("OperationOutcome", "parameter 'pseudonym'");
    assertThat(badCase.statusCode()).isEqualTo(400);
    assertThat(badCase.asString()).contains("OperationOutcome", "parameter 'case'");
    assertThat(noCase.statusCode()).isEqualTo(404);
    assertThat(cases()).isEqualTo(before);
    Response researcher =
        clients
            .as("researcher")
            .contentType("application/fhir+json")
            .body("{\"resourceType\":\"Parameters\"}")
            .post(baseUrl() + "/$access-request");
    assertThat(researcher.statusCode()).isEqualTo(403);
  }

  @Test
  void casesArePurgedAfterTheRetentionAndThePurgeIsAudited() {
    String old = new CaseNumbers(new java.security.SecureRandom()).next();
    String fresh = new CaseNumbers(new java.security.SecureRandom()).next();
    long now = Instant.now().toEpochMilli();
    cases.insert(
        new AccessRequestRepository.StoredCase(
            old, "BKHDLOLD", "datamanager", now - Duration.ofDays(31).toMillis(), "{}"));
    cases.insert(
        new AccessRequestRepository.StoredCase(fresh, "BKHDLNEW", "datamanager", now, "{}"));

    var purged = retention.purgeAll();

    assertThat(purged.get("access-requests")).isPositive();
    assertThat(cases.find(old)).isEmpty();
    assertThat(cases.find(fresh)).isPresent();
    assertThat(
            auditTrail.search(
                new AuditRepository.Query(null, null, null, "purge", null, null, 50, 0)))
        .anySatisfy(
            event ->
                assertThat(event.getOutcomeDesc())
                    .startsWith("purged ")
                    .contains("access-request cases and exports"));
  }

  Parameters subjectData(SiteClient site, byte[] pseudonym) {
    return site.call(
        IdentityNetwork.url(MdsDatabase.shared()),
        SubjectDataContract.OPERATION,
        subjectDataQuestion(pseudonym));
  }

  static Parameters subjectDataQuestion(byte[] pseudonym) {
    Parameters question = new Parameters();
    question.addParameter(
        SubjectDataContract.CASE_NUMBER,
        new StringType(new CaseNumbers(new java.security.SecureRandom()).next()));
    question
        .addParameter()
        .setName(SubjectDataContract.PSEUDONYM)
        .setValue(new Base64BinaryType(pseudonym));
    return question;
  }

  List<String> entries(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> encode(e.getResource())).toList();
  }

  static List<String> auditMentioning(JdbcTemplate database, String text) {
    return database.queryForList(
        "SELECT resource FROM ccp_audit_event WHERE resource LIKE ?",
        String.class,
        "%" + text + "%");
  }

  int cases() {
    return bridgehead.queryForObject("SELECT count(*) FROM ccp_access_request", Integer.class);
  }

  String encode(org.hl7.fhir.instance.model.api.IBaseResource resource) {
    return fhirContext.newJsonParser().encodeResourceToString(resource);
  }

  <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(Class<T> type, String json) {
    return fhirContext.newJsonParser().parseResource(type, json);
  }
}
