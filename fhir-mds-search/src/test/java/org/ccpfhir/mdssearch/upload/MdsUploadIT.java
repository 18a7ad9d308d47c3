package org.ccpfhir.mdssearch.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.ccpfhir.profiles.departure.PartnerDepartureContract;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The MDS database receives sealed uploads over mutual TLS: only a bridgehead certificate gets in,
 * the envelope must be signed by that same site, pseudonyms by the central list (or the site's own
 * {@code L-} pseudonyms); anything else changes nothing.
 */
class MdsUploadIT extends MdsSearchItSupport {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Duration DAY = Duration.ofDays(1);

  @Value("${ccp.tls.provision.ca-dir}")
  Path caDir;

  @Autowired MdsRecordRepository records;

  Credential hd;
  Credential tue;
  Credential centralList;

  @BeforeEach
  void certificates() throws Exception {
    NetworkCa ca =
        NetworkCa.open(caDir, PasswordFiles.readOrGenerate(caDir.resolve("ca.password")));
    hd = ca.issue(ComponentName.of("bridgehead", "HD"), List.of("localhost"), DAY);
    tue = ca.issue(ComponentName.of("bridgehead", "TUE"), List.of("localhost"), DAY);
    centralList = ca.issue(ComponentName.of("patient-list", null), List.of("localhost"), DAY);
  }

  byte[] globalId(String value) {
    return Envelopes.seal(
        value.getBytes(StandardCharsets.US_ASCII), centralList, tls.credential().certificate());
  }

  byte[] localId(Credential site, String value) {
    return Envelopes.seal(
        value.getBytes(StandardCharsets.US_ASCII), site, tls.credential().certificate());
  }

  static Bundle mds(String icd10) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    Patient patient = new Patient();
    patient.setId("p");
    patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-03"));
    bundle.addEntry().setResource(patient);
    Condition condition = new Condition();
    condition
        .getCode()
        .addCoding()
        .setSystem("http://fhir.de/CodeSystem/bfarm/icd-10-gm")
        .setCode(icd10);
    condition.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p"));
    bundle.addEntry().setResource(condition);
    return bundle;
  }

  static void entry(Parameters upload, byte[] pseudonym, String action, Bundle bundle) {
    Parameters.ParametersParameterComponent entry =
        upload.addParameter().setName(MdsUploadContract.ENTRY);
    entry.addPart().setName(MdsUploadContract.PSEUDONYM).setValue(new Base64BinaryType(pseudonym));
    entry.addPart().setName(MdsUploadContract.ACTION).setValue(new CodeType(action));
    if (bundle != null) {
      entry.addPart().setName(MdsUploadContract.BUNDLE).setResource(bundle);
    }
  }

  HttpResponse<String> send(Credential connection, Credential signer, Parameters upload)
      throws Exception {
    byte[] sealed =
        Envelopes.seal(
            FHIR.newJsonParser().encodeResourceToString(upload).getBytes(StandardCharsets.UTF_8),
            signer,
            tls.credential().certificate());
    Parameters body = new Parameters();
    body.addParameter().setName(MdsUploadContract.ENVELOPE).setValue(new Base64BinaryType(sealed));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fhirBase() + "/" + MdsUploadContract.OPERATION))
            .header("Content-Type", "application/fhir+json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    FHIR.newJsonParser().encodeResourceToString(body)))
            .build();
    return http(connection).send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpClient http(Credential credential) throws Exception {
    char[] password = "it".toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(credential.toKeyStore(password), password);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", tls.caCertificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
  }

  @Test
  void aSiteUploadsGlobalAndLocalPseudonymsAndDeletes() throws Exception {
    long before = records.count();
    String global = "G" + unique();
    String local = "L-" + UUID.randomUUID().toString().replace("-", "");
    Parameters upload = new Parameters();
    entry(upload, globalId(global), MdsUploadContract.UPSERT, mds("C50.4"));
    entry(upload, localId(hd, local), MdsUploadContract.UPSERT, mds("C61"));

    HttpResponse<String> response = send(hd, hd, upload);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"upserted\"", "\"valueInteger\":2");
    assertThat(records.count()).isEqualTo(before + 2);

    // maintenance: admins read a record (audited), researchers cannot
    as("researcher").get("/fhir/$mds-record?site=HD&pseudonym=" + local).then().statusCode(403);
    as("admin")
        .get("/fhir/$mds-record?site=HD&pseudonym=" + local)
        .then()
        .statusCode(200)
        .body("resourceType", org.hamcrest.Matchers.equalTo("Bundle"));
    assertThat(auditedMaintenanceRead()).isTrue();

    Parameters delete = new Parameters();
    entry(delete, globalId(global), MdsUploadContract.DELETE, null);
    HttpResponse<String> deleted = send(hd, hd, delete);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.body()).contains("\"deleted\"", "\"valueInteger\":1");
    assertThat(records.count()).isEqualTo(before + 1);
  }

  boolean auditedMaintenanceRead() throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      if (as("admin")
          .get("/fhir/AuditEvent?_count=50")
          .asString()
          .contains("maintenance read of a record of site HD")) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void anEnvelopeOfAnotherSiteOrAForgedPseudonymChangesNothing() throws Exception {
    long before = records.count();
    Parameters upload = new Parameters();
    entry(upload, globalId("G" + unique()), MdsUploadContract.UPSERT, mds("C50.4"));
    // signed by TUE, sent over HD's connection
    HttpResponse<String> otherSite = send(hd, tue, upload);
    assertThat(otherSite.statusCode()).isEqualTo(403);
    assertThat(otherSite.body()).contains("OperationOutcome", "bridgehead.TUE");

    // a site may not mint what looks like a central MDS*G-ID
    Parameters forged = new Parameters();
    entry(forged, localId(hd, "G" + unique()), MdsUploadContract.UPSERT, mds("C50.4"));
    HttpResponse<String> forgedAnswer = send(hd, hd, forged);
    assertThat(forgedAnswer.statusCode()).isEqualTo(403);
    assertThat(forgedAnswer.body()).contains("entry[0]");

    // a named Patient is refused, even next to a valid entry
    Parameters named = new Parameters();
    entry(named, globalId("G" + unique()), MdsUploadContract.UPSERT, mds("C61"));
    Bundle withName = mds("C61");
    ((Patient) withName.getEntryFirstRep().getResource()).addName().setFamily("Mustermann");
    entry(named, globalId("G" + unique()), MdsUploadContract.UPSERT, withName);
    HttpResponse<String> namedAnswer = send(hd, hd, named);
    assertThat(namedAnswer.statusCode()).isEqualTo(422);
    assertThat(namedAnswer.body()).contains("entry[1]").doesNotContain("Mustermann");

    assertThat(records.count()).isEqualTo(before);
  }

  @Test
  void garbageIsA400AndOnlyBridgeheadCertificatesGetIn() throws Exception {
    Parameters body = new Parameters();
    body.addParameter().setName("envelope").setValue(new Base64BinaryType(new byte[] {1, 2, 3}));
    HttpResponse<String> garbage =
        http(hd)
            .send(
                HttpRequest.newBuilder(URI.create(fhirBase() + "/$mds-upload"))
                    .header("Content-Type", "application/fhir+json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            FHIR.newJsonParser().encodeResourceToString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("MALFORMED");

    Parameters upload = new Parameters();
    entry(upload, globalId("G" + unique()), MdsUploadContract.UPSERT, mds("C50.4"));
    assertThat(send(centralList, hd, upload).statusCode()).isEqualTo(403);
    as("researcher")
        .contentType("application/fhir+json")
        .body("{}")
        .post("/fhir/$mds-upload")
        .then()
        .statusCode(403);
    as("admin")
        .contentType("application/fhir+json")
        .body("{}")
        .post("/fhir/$mds-upload")
        .then()
        .statusCode(403);
    anonymous()
        .contentType("application/fhir+json")
        .body("{}")
        .post("/fhir/$mds-upload")
        .then()
        .statusCode(401);
  }

  /**
   * A partner leaves (CCP-IT §5.3): the MDS database applies the central list's sealed instruction
   * to the leaving site's records — kept, anonymised (the person stays at TUE) or deleted — once,
   * answers a receipt only the central list can open, and refuses the site from then on.
   */
  @Test
  void aDepartedPartnersRecordsFollowTheCentralListsInstructionOnce() throws Exception {
    NetworkCa ca =
        NetworkCa.open(caDir, PasswordFiles.readOrGenerate(caDir.resolve("ca.password")));
    // a site of its own: a departed site stays refused in this shared context
    String site = "X" + unique().substring(0, 5);
    Credential leaving = ca.issue(ComponentName.of("bridgehead", site), List.of("localhost"), DAY);
    String shared = "G" + unique();
    String only = "G" + unique();
    String kept = "G" + unique();
    String local = "L-" + UUID.randomUUID().toString().replace("-", "");
    Parameters upload = new Parameters();
    entry(upload, globalId(shared), MdsUploadContract.UPSERT, mds("C50.4"));
    entry(upload, globalId(only), MdsUploadContract.UPSERT, mds("C61"));
    entry(upload, globalId(kept), MdsUploadContract.UPSERT, mds("C34.1"));
    entry(upload, localId(leaving, local), MdsUploadContract.UPSERT, mds("C18.7"));
    assertThat(send(leaving, leaving, upload).statusCode()).isEqualTo(200);
    Parameters atTue = new Parameters();
    entry(atTue, globalId(shared), MdsUploadContract.UPSERT, mds("C50.4"));
    assertThat(send(tue, tue, atTue).statusCode()).isEqualTo(200);
    long before = records.count();
    Parameters plan = new Parameters();
    plan.addParameter(PartnerDepartureContract.SITE, new CodeType(site));
    plan.addParameter(PartnerDepartureContract.CASE, new StringType("case-" + site));
    plan.addParameter(PartnerDepartureContract.KEEP, new StringType(kept));
    plan.addParameter(PartnerDepartureContract.ANONYMISE, new StringType(shared));
    byte[] instruction = sealed(plan, centralList);

    // bad input first: nothing changes
    assertThat(departure("researcher", site, instruction).statusCode()).isEqualTo(403);
    io.restassured.response.Response noSite = departure("admin", null, instruction);
    assertThat(noSite.statusCode()).isEqualTo(400);
    assertThat(noSite.asString()).contains("OperationOutcome", "parameter 'site'");
    io.restassured.response.Response garbage = departure("admin", site, new byte[] {1, 2, 3});
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.asString()).contains("OperationOutcome", "parameter 'instruction'");
    io.restassured.response.Response forged = departure("admin", site, sealed(plan, hd));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.asString()).contains("parameter 'instruction'", "bridgehead.HD");
    io.restassured.response.Response otherSite = departure("admin", "TUE", instruction);
    assertThat(otherSite.statusCode()).isEqualTo(422);
    assertThat(otherSite.asString()).contains("parameter 'site'");
    assertThat(records.count()).isEqualTo(before);
    assertThat(records.keysOf(site)).containsExactlyInAnyOrder(shared, only, kept, local);

    io.restassured.response.Response done = departure("admin", site, instruction);

    assertThat(done.statusCode()).as(done.asString()).isEqualTo(200);
    Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, done.asString());
    assertThat(count(answer, "kept")).isEqualTo(1);
    assertThat(count(answer, "anonymised")).isEqualTo(1);
    assertThat(count(answer, "deleted")).isEqualTo(2);
    List<String> left = records.keysOf(site);
    assertThat(left).hasSize(2).contains(kept).doesNotContain(shared, only, local);
    assertThat(left).anyMatch(key -> key.startsWith("A-"));
    assertThat(records.sitesOf(shared)).containsExactly("TUE");
    assertThat(records.count()).isEqualTo(before - 2);
    // the receipt opens at the central list only, signed by this database, naming the case
    byte[] receipt = ((Base64BinaryType) answer.getParameter("receipt").getValue()).getValue();
    org.ccpfhir.security.cms.Opened opened = Envelopes.open(receipt, centralList, tls.verifier());
    assertThat(opened.sender()).isEqualTo(tls.self());
    assertThat(new String(opened.payload(), StandardCharsets.UTF_8))
        .contains("case-" + site, "\"deleted\"");

    // a repetition changes nothing
    io.restassured.response.Response again = departure("admin", site, instruction);
    assertThat(again.statusCode()).isEqualTo(200);
    Parameters second = FHIR.newJsonParser().parseResource(Parameters.class, again.asString());
    assertThat(count(second, "anonymised") + count(second, "deleted")).isZero();
    assertThat(records.keysOf(site)).isEqualTo(left);
    // the departed site's uploads are refused from now on
    Parameters late = new Parameters();
    entry(late, globalId("G" + unique()), MdsUploadContract.UPSERT, mds("C61"));
    HttpResponse<String> refused = send(leaving, leaving, late);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("has left the network");
    assertThat(records.keysOf(site)).isEqualTo(left);
    assertThat(audited("partner departure case case-" + site + " of site " + site)).isTrue();
  }

  byte[] sealed(Parameters content, Credential signer) {
    return Envelopes.seal(
        FHIR.newJsonParser().encodeResourceToString(content).getBytes(StandardCharsets.UTF_8),
        signer,
        tls.credential().certificate());
  }

  io.restassured.response.Response departure(String user, String site, byte[] instruction) {
    Parameters body = new Parameters();
    if (site != null) {
      body.addParameter(PartnerDepartureContract.SITE, new StringType(site));
    }
    body.addParameter()
        .setName(PartnerDepartureContract.INSTRUCTION)
        .setValue(new Base64BinaryType(instruction));
    return as(user)
        .contentType("application/fhir+json")
        .body(FHIR.newJsonParser().encodeResourceToString(body))
        .post("/fhir/" + PartnerDepartureContract.OPERATION);
  }

  static int count(Parameters answer, String name) {
    return ((org.hl7.fhir.r4.model.IntegerType) answer.getParameter(name).getValue()).getValue();
  }

  boolean audited(String text) throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      if (as("admin").get("/fhir/AuditEvent?_count=50").asString().contains(text)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
