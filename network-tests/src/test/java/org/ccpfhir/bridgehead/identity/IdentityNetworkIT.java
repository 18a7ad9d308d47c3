package org.ccpfhir.bridgehead.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.IdatSweep;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.identity.pseudonym.CheckCharacter;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Global pseudonymization across the three identity roles, each its own Spring application talking
 * mutual TLS on loopback: the local patient list in this bridgehead (site HD), the control-number
 * generator and the central patient list ({@link IdentityNetwork}). The tests also act as a second
 * site (TUE) with that site's certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityNetworkIT extends NetworkIT {

  @Autowired DataSource bridgeheadDatabase;

  IdentityNetwork network;
  CentralPatientList centralList;
  SiteClient tue;

  @BeforeEach
  void network() {
    network = IdentityNetwork.shared();
    centralList = network.centralList.getBean(CentralPatientList.class);
    tue = new SiteClient(network.siteTue, tls.caCertificate(), fhirContext);
  }

  static String unique(String name) {
    return name
        + (char) ('a' + (System.nanoTime() / 7) % 26)
        + (char) ('a' + System.nanoTime() % 26);
  }

  /** Ingests a named Patient with an active network consent (the data manager's record). */
  void ingestWithConsent(String first, String last, String birth, boolean consent) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Patient patient = new Patient();
    patient.addName().setFamily(last).addGiven(first);
    patient.setBirthDateElement(new DateType(birth));
    patient.setGender(AdministrativeGender.FEMALE);
    bundle
        .addEntry()
        .setFullUrl("urn:uuid:7b0f9a5e-0000-4000-8000-000000000001")
        .setResource(patient)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    if (consent) {
      Consent record = new Consent();
      record.setStatus(Consent.ConsentState.ACTIVE);
      record.setScope(
          new CodeableConcept()
              .addCoding(
                  new org.hl7.fhir.r4.model.Coding(
                      "http://terminology.hl7.org/CodeSystem/consentscope", "research", null)));
      record.addCategory().addCoding().setSystem("http://loinc.org").setCode("57016-8");
      record.setPatient(new Reference("urn:uuid:7b0f9a5e-0000-4000-8000-000000000001"));
      record
          .getPolicyRule()
          .addCoding()
          .setSystem(NetworkConsent.POLICY_SYSTEM)
          .setCode(NetworkConsent.NETWORK);
      record.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
      bundle
          .addEntry()
          .setResource(record)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Consent");
    }
    Response response =
        fhir().body(fhirContext.newJsonParser().encodeResourceToString(bundle)).post();
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  static Parameters named(String target, String first, String last, String birth) {
    Parameters parameters = new Parameters();
    parameters.addParameter("target", new StringType(target));
    parameters.addParameter("firstName", new StringType(first));
    parameters.addParameter("lastName", new StringType(last));
    parameters.addParameter("birthDate", new DateType(birth));
    parameters.addParameter("sex", new CodeType("female"));
    return parameters;
  }

  Response pseudonymize(String first, String last, String birth) {
    return pseudonymize("BK-G", first, last, birth);
  }

  Response pseudonymize(String target, String first, String last, String birth) {
    return clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(named(target, first, last, birth)))
        .post("/fhir/$pseudonymize");
  }

  Identifier globalAtHd(String first, String last, String birth) {
    Response response = pseudonymize(first, last, birth);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.asString()).contains("\"global\"").doesNotContain("\"local\"");
    return pseudonymOf(
        fhirContext.newJsonParser().parseResource(Parameters.class, response.asString()));
  }

  /** Site TUE's bridgehead: IDAT to the generator, the ticket to the central list. */
  Identifier globalAtTue(String first, String last, String birth) {
    Parameters idat =
        IdatParameters.toParameters(IdatParameters.read(named("BK-G", first, last, birth)).get(0));
    Parameters ticket =
        tue.call(IdentityNetwork.url(network.generator), "$control-number-ticket", idat);
    Parameters redeem = new Parameters();
    redeem.addParameter().setName("ticket").setValue(ticket.getParameter("ticket").getValue());
    return pseudonymOf(
        tue.call(IdentityNetwork.url(network.centralList), "$redeem-ticket", redeem));
  }

  static Identifier pseudonymOf(Parameters answer) {
    return (Identifier)
        answer.getParameter("pseudonym").getPart().stream()
            .filter(p -> p.getName().equals("pseudonym"))
            .findFirst()
            .orElseThrow()
            .getValue();
  }

  @Test
  void samePersonWithTyposAtTwoSitesSharesOneGlobalIdentityWithOnePseudonymPerSite() {
    String last = unique("Brennessel");
    ingestWithConsent("Wilhelmine", last, "1947-08-15", true);

    Identifier hd = globalAtHd("Wilhelmine", last, "1947-08-15");
    Identifier tueId = globalAtTue("Wilhelmina", last + "n", "1947-08-15");
    Identifier hdAgain = globalAtHd("Wilhelmine", last, "1947-08-15");

    assertThat(hd.getSystem()).isEqualTo("https://ccp-fhir.org/fhir/sid/pseudonym/BK-HD-G");
    assertThat(tueId.getSystem()).isEqualTo("https://ccp-fhir.org/fhir/sid/pseudonym/BK-TUE-G");
    assertThat(CheckCharacter.isValid(hd.getValue())).isTrue();
    assertThat(hd.getValue()).isNotEqualTo(tueId.getValue());
    assertThat(hdAgain.getValue()).isEqualTo(hd.getValue());
    assertThat(centralList.personOf("HD", hd.getValue()))
        .isPresent()
        .isEqualTo(centralList.personOf("TUE", tueId.getValue()));
  }

  @Test
  void withoutNetworkConsentThereIsNoGlobalPseudonym() {
    String last = unique("Sumpfdotter");
    ingestWithConsent("Gertrud", last, "1952-01-30", false);

    Response response = pseudonymize("Gertrud", last, "1952-01-30");

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
    assertThat(response.asString()).contains("OperationOutcome", "network consent");
  }

  @Test
  void aPossibleMatchLandsInTheReviewQueueAndTheAdminsDecisionTakesEffect() {
    String last = unique("Kandelaber");
    ingestWithConsent("Maria", last, "1960-05-12", true);
    Identifier hd = globalAtHd("Maria", last, "1960-05-12");
    Set<String> before = reviewIds();

    Identifier tueId = globalAtTue("Anna", last, "1960-05-12");

    assertThat(centralList.personOf("TUE", tueId.getValue()))
        .isNotEqualTo(centralList.personOf("HD", hd.getValue()));
    Set<String> added = new HashSet<>(reviewIds());
    added.removeAll(before);
    assertThat(added).hasSize(1);
    String review = added.iterator().next();
    String list = linkageAdmin().get("/fhir/$linkage-review-list").asString();
    assertThat(list).contains("FIRST_NAME", "similarity", "weight").doesNotContain(last, "Anna");

    Parameters decision = new Parameters();
    decision.addParameter("review", new StringType(review));
    decision.addParameter("decision", new CodeType("link"));
    linkageAdmin()
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(decision))
        .post("/fhir/$linkage-review-decide")
        .then()
        .statusCode(200);

    assertThat(centralList.personOf("TUE", tueId.getValue()))
        .isEqualTo(centralList.personOf("HD", hd.getValue()));
    assertThat(reviewIds()).doesNotContain(review);
    // a site's token means nothing at the central list
    centralClients()
        .anonymous()
        .auth()
        .oauth2(clients.token("datamanager"))
        .get("/fhir/$linkage-review-list")
        .then()
        .statusCode(401);
  }

  @Test
  void reencryptionCiphertextsDifferAndOpenOnlyAtTheTargetToOneMdsPseudonymPerPerson() {
    String last = unique("Zitronella");
    ingestWithConsent("Hedwig", last, "1939-12-24", true);
    Identifier hd = globalAtHd("Hedwig", last, "1939-12-24");
    Identifier tueId = globalAtTue("Hedwig", last, "1939-12-24");
    SiteClient site = new SiteClient(tls.credential(), tls.caCertificate(), fhirContext);

    byte[] first = reencrypt(site, hd.getValue());
    byte[] second = reencrypt(site, hd.getValue());
    byte[] fromTue = reencrypt(tue, tueId.getValue());

    assertThat(first).isNotEqualTo(second);
    String mdsId = open(first);
    assertThat(open(second)).isEqualTo(mdsId);
    assertThat(open(fromTue)).isEqualTo(mdsId);
    assertThat(mdsId).isNotIn(hd.getValue(), tueId.getValue());
    // a site cannot have another site's pseudonym re-encrypted
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reencrypt(site, tueId.getValue()))
        .hasMessageContaining("422");
  }

  @Test
  void projectPseudonymsAreLocalOrGlobalAndStablePerPerson() {
    String last = unique("Projektil");
    ingestWithConsent("Lieselotte", last, "1949-03-03", true);
    Identifier local = pseudonymOf(post(named("BK-L", "Lieselotte", last, "1949-03-03"), 200));
    Identifier tueId = globalAtTue("Lieselotte", last, "1949-03-03");

    Identifier rpbLocal = pseudonymOf(post(original("RPB-L", local.getValue()), 200));
    Identifier rpbGlobal = pseudonymOf(post(original("RPB-G", local.getValue()), 200));
    Identifier rpbGlobalFromIdat =
        pseudonymOf(post(named("RPB-G", "Lieselotte", last, "1949-03-03"), 200));
    Parameters fromTue = new Parameters();
    fromTue.addParameter("pseudonym", new StringType(tueId.getValue()));
    fromTue.addParameter("project", new CodeType("RPB"));
    Identifier rpbAtTue =
        pseudonymOf(
            tue.call(IdentityNetwork.url(network.centralList), "$project-pseudonym", fromTue));

    assertThat(rpbLocal.getSystem()).endsWith("/RPB-HD-L");
    assertThat(rpbGlobal.getSystem()).endsWith("/RPB-HD-G");
    assertThat(rpbAtTue.getSystem()).endsWith("/RPB-TUE-G");
    assertThat(rpbGlobalFromIdat.getValue()).isEqualTo(rpbGlobal.getValue());
    assertThat(pseudonymOf(post(original("RPB-L", local.getValue()), 200)).getValue())
        .isEqualTo(rpbLocal.getValue());
    assertThat(List.of(rpbLocal.getValue(), rpbGlobal.getValue(), rpbAtTue.getValue()))
        .doesNotHaveDuplicates()
        .doesNotContain(local.getValue(), tueId.getValue());
    // an unknown local pseudonym is refused
    post(original("RPB-L", "UNKNOWN00"), 422);
  }

  Parameters original(String target, String bkLocalId) {
    Parameters parameters = new Parameters();
    parameters.addParameter("target", new StringType(target));
    parameters.addParameter("original", new StringType(bkLocalId));
    return parameters;
  }

  Parameters post(Parameters input, int status) {
    Response response =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(input))
            .post("/fhir/$pseudonymize");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    return status == 200
        ? fhirContext.newJsonParser().parseResource(Parameters.class, response.asString())
        : null;
  }

  @Test
  void eightConcurrentRequestsForTheSameNewPersonYieldOnePseudonym() throws Exception {
    String last = unique("Gleichzeitig");
    ingestWithConsent("Ottilie", last, "1944-04-01", true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> globalAtHd("Ottilie", last, "1944-04-01").getValue());
      }
      Set<String> values = new HashSet<>();
      for (Future<String> future : pool.invokeAll(calls)) {
        values.add(future.get());
      }
      assertThat(values).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSiteNeverReceivesControlNumbersAndTheGeneratorNeverAPseudonym(CapturedOutput output) {
    String last = unique("Drahtesel");
    ingestWithConsent("Friederike", last, "1958-10-03", true);
    WireRecorder generatorWire = network.generator.getBean(WireRecorder.class);
    WireRecorder centralWire = network.centralList.getBean(WireRecorder.class);
    long generatorSeen = generatorWire.count();
    long centralSeen = centralWire.count();

    Identifier hd = globalAtHd("Friederike", last, "1958-10-03");

    List<WireRecorder.Exchange> atGenerator = generatorWire.since(generatorSeen);
    List<WireRecorder.Exchange> atCentral = centralWire.since(centralSeen);
    assertThat(atGenerator)
        .extracting(WireRecorder.Exchange::path)
        .containsExactly("/fhir/$control-number-ticket");
    assertThat(atCentral)
        .extracting(WireRecorder.Exchange::path)
        .containsExactly("/fhir/$register-control-numbers", "/fhir/$redeem-ticket");
    String controlNumbers =
        fhirContext
            .newJsonParser()
            .parseResource(Parameters.class, atCentral.get(0).request())
            .getParameter("controlNumbers")
            .getValue()
            .primitiveValue();
    // the generator: IDAT in, a ticket out; never a pseudonym, neither from the site nor the list
    assertThat(atGenerator.get(0).request()).contains("friederike");
    assertThat(atGenerator.get(0).response())
        .contains("ticket")
        .doesNotContain(hd.getValue(), controlNumbers);
    assertThat(atCentral.get(0).response()).contains("ticket").doesNotContain(hd.getValue());
    // the site: a ticket from the generator, its pseudonym from the list; never control numbers
    assertThat(atCentral.get(1).response()).contains(hd.getValue()).doesNotContain(controlNumbers);
    // the central list never sees IDAT
    for (WireRecorder.Exchange exchange : atCentral) {
      assertThat(exchange.request() + exchange.response())
          .doesNotContainIgnoringCase("friederike")
          .doesNotContainIgnoringCase(last)
          .doesNotContain("1958");
    }
    assertIdatNowhereButInTheLocalList(
        output, List.of("Friederike", "friederike", last, last.toLowerCase()));
  }

  private void assertIdatNowhereButInTheLocalList(CapturedOutput output, List<String> needles) {
    List<String> found = new ArrayList<>();
    for (var app : List.of(network.centralList, network.generator)) {
      JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
      for (String table :
          jdbc.queryForList(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
              String.class)) {
        for (var row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
          String text = row.values().toString();
          needles.stream().filter(text::contains).forEach(n -> found.add(n + " in " + table));
        }
      }
    }
    found.addAll(
        IdatSweep.found(bridgeheadDatabase, IdatSweep.tables(bridgeheadDatabase), needles));
    assertThat(found).isEmpty();
    assertThat(output.getAll()).doesNotContain(needles);
  }

  private byte[] reencrypt(SiteClient site, String pseudonym) {
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(pseudonym));
    input.addParameter("target", new CodeType("mds-search"));
    Parameters answer = site.call(IdentityNetwork.url(network.centralList), "$reencrypt", input);
    return ((Base64BinaryType) answer.getParameter("encryptedPseudonym").getValue()).getValue();
  }

  private String open(byte[] envelope) {
    return new String(
        Envelopes.open(envelope, network.mdsSearch, tls.verifier()).payload(),
        StandardCharsets.US_ASCII);
  }

  private SecureClients centralClients() {
    return new SecureClients(IdentityNetwork.port(network.centralList), tls.caCertificate());
  }

  private io.restassured.specification.RequestSpecification linkageAdmin() {
    return centralClients().as("linkage");
  }

  private Set<String> reviewIds() {
    Parameters reviews =
        fhirContext
            .newJsonParser()
            .parseResource(
                Parameters.class, linkageAdmin().get("/fhir/$linkage-review-list").asString());
    Set<String> ids = new HashSet<>();
    reviews.getParameter().stream()
        .filter(p -> p.getName().equals("review"))
        .forEach(
            p ->
                p.getPart().stream()
                    .filter(part -> part.getName().equals("id"))
                    .forEach(part -> ids.add(part.getValue().primitiveValue())));
    return ids;
  }
}
