package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.SiteBundles.patientOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.SiteBundles;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.TestNames;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class IngestIT extends PostgresIT {

  @Test
  void validBundleIsStoredAndSearchable() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(200)
        .body("type", equalTo("transaction-response"));

    assertThat(countPatients(id)).isEqualTo(1);
    assertThat(countResourcesOf(id, "Condition")).isGreaterThanOrEqualTo(1);
    assertThat(countResourcesOf(id, "Observation")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void bundleWithOneInvalidResourceIsRefusedAndStoresNothing() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    int index = breakFirstObservation(bundle);

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(422)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.severity", hasItem("error"))
        .body("issue.expression.flatten()", hasItem(containsString("Bundle.entry[" + index + "]")));

    assertThat(countPatients(id)).isZero();
  }

  @Test
  void aLatin1BodyIsRefusedInsteadOfStoringReplacementCharacters() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    patientOf(bundle).getNameFirstRep().setFamily("Müller");

    fhir()
        .body(json(bundle).getBytes(StandardCharsets.ISO_8859_1))
        .post()
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body("issue.diagnostics", hasItem(containsString("not valid UTF-8 at byte")));

    assertThat(countPatients(id)).isZero();
  }

  @Test
  void resendingTheSameBundleUpdatesInsteadOfDuplicating() {
    for (EntryMode mode : EntryMode.values()) {
      Bundle bundle = uniquePatientBundle(mode);
      Identifier id = patientOf(bundle).getIdentifierFirstRep();
      String body = json(bundle);
      fhir().body(body).post().then().statusCode(200);
      int observations = countResourcesOf(id, "Observation");
      fhir().body(body).post().then().statusCode(200);

      assertThat(countPatients(id)).as(mode.name()).isEqualTo(1);
      assertThat(countResourcesOf(id, "Observation")).as(mode.name()).isEqualTo(observations);
    }
  }

  @Test
  void exactBirthDateIsReducedToMonthAndYear() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Patient patient = patientOf(bundle);
    patient.setBirthDateElement(new DateType("1961-07-23"));
    Identifier id = patient.getIdentifierFirstRep();

    fhir().body(json(bundle)).post().then().statusCode(200);

    Patient stored = findPatient(id);
    assertThat(stored.getBirthDateElement().getValueAsString()).isEqualTo("1961-07");
  }

  @Test
  void aNamedPatientIsPseudonymizedOnTheWayIn() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Patient patient = patientOf(bundle);
    String family = TestNames.unique("Zwiebelhuber");
    patient.addName().setFamily(family).addGiven("Eusebia");
    patient.addTelecom().setValue("0621 12345");
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-07-23"));
    Identifier id = patient.getIdentifierFirstRep().copy();

    fhir().body(json(bundle)).post().then().statusCode(200);
    fhir().body(json(bundle)).post().then().statusCode(200);

    assertThat(countPatients(id)).isEqualTo(1);
    Patient stored = findPatient(id);
    assertThat(stored.hasName()).isFalse();
    assertThat(stored.hasTelecom()).isFalse();
    assertThat(stored.getBirthDateElement().getValueAsString()).isEqualTo("1961-07");
    assertThat(stored.getIdentifier())
        .anySatisfy(
            i -> {
              assertThat(i.getSystem()).endsWith("/sid/pseudonym/BK-HD-L");
              assertThat(org.ccpfhir.identity.pseudonym.CheckCharacter.isValid(i.getValue()))
                  .isTrue();
            });
  }

  @Test
  void aReviewLinkMovesTheMdatToTheKeptPseudonym() {
    String family = TestNames.unique("Haselnuss");
    Bundle first = uniquePatientBundle(EntryMode.POST);
    String given = TestNames.unique("Ottilie");
    patientOf(first).addName().setFamily(family).addGiven(given);
    patientOf(first).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-04-08"));
    Identifier firstId = patientOf(first).getIdentifierFirstRep().copy();
    Bundle second = uniquePatientBundle(EntryMode.POST);
    patientOf(second).addName().setFamily(family).addGiven(given);
    patientOf(second).setGender(patientOf(first).getGender());
    patientOf(second).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-08-04"));
    Identifier secondId = patientOf(second).getIdentifierFirstRep().copy();
    fhir().body(json(first)).post().then().statusCode(200);
    fhir().body(json(second)).post().then().statusCode(200);
    String kept = localPseudonym(findPatient(firstId));
    String doubtful = localPseudonym(findPatient(secondId));
    assertThat(doubtful).isNotEqualTo(kept);
    // The review of the doubtful record: its candidate must be the kept person — anyone else on
    // the list (the test database is shared) would make the link below move the wrong data.
    String reviews = fhir().get("/$local-review-list").then().statusCode(200).extract().asString();
    org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent review =
        fhirContext
            .newJsonParser()
            .parseResource(org.hl7.fhir.r4.model.Parameters.class, reviews)
            .getParameter()
            .stream()
            .filter(p -> doubtful.equals(((Identifier) partValue(p, "pseudonym")).getValue()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no review of " + doubtful + " in " + reviews));
    assertThat(((Identifier) partValue(review, "candidate")).getValue())
        .as("candidate of the doubtful record")
        .isEqualTo(kept);
    String reviewId = partValue(review, "id").primitiveValue();

    org.hl7.fhir.r4.model.Parameters decide = new org.hl7.fhir.r4.model.Parameters();
    decide.addParameter("review", new org.hl7.fhir.r4.model.StringType(reviewId));
    decide.addParameter("decision", new org.hl7.fhir.r4.model.CodeType("link"));
    String answer =
        fhir()
            .body(fhirContext.newJsonParser().encodeResourceToString(decide))
            .post("/$local-review-decide")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(answer).contains("relinkedPatients").contains(kept);

    assertThat(localPseudonym(findPatient(secondId))).isEqualTo(kept);
  }

  private static org.hl7.fhir.r4.model.Type partValue(
      org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent parameter, String name) {
    return parameter.getPart().stream()
        .filter(part -> name.equals(part.getName()))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static String localPseudonym(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(i -> i.getSystem().endsWith("/sid/pseudonym/BK-HD-L"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  @Test
  void aNameWithoutExactBirthDateIsRefusedWithoutEchoingIt() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    Patient patient = patientOf(bundle);
    patient.addName().setFamily("Zwiebelhuber").addGiven("Eusebia");
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-07"));
    Identifier id = patient.getIdentifierFirstRep();

    String response =
        fhir()
            .body(json(bundle))
            .post()
            .then()
            .statusCode(422)
            .body("issue.expression.flatten()", hasItem(containsString("ofType(Patient)")))
            .extract()
            .asString();

    assertThat(response).contains("exact date").doesNotContain("Zwiebelhuber", "Eusebia");
    assertThat(countPatients(id)).isZero();
  }

  @Test
  void invalidBirthDateIsRefusedWithoutEchoingIt() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST);
    String body =
        json(bundle).replaceFirst("\"birthDate\":\"[0-9-]+\"", "\"birthDate\":\"1961-13-77\"");

    String response = fhir().body(body).post().then().statusCode(422).extract().asString();

    assertThat(response).contains("birthDate").doesNotContain("1961-13-77");
  }

  @Test
  void patchCannotSmuggleIdentifyingDataIntoTheStore() {
    Bundle bundle = uniquePatientBundle(EntryMode.PUT);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();
    fhir().body(json(bundle)).post().then().statusCode(200);
    String patientId = findPatient(id).getIdElement().getIdPart();

    fhir()
        .contentType("application/json-patch+json")
        .body("[{\"op\":\"add\",\"path\":\"/name\",\"value\":[{\"family\":\"Quappenhuber\"}]}]")
        .patch("/Patient/" + patientId)
        .then()
        .statusCode(422);

    assertThat(findPatient(id).hasName()).isFalse();
  }

  @Test
  void bundlesThatAreNotTransactionsOrBatchesAreClientErrors() {
    Bundle bundle = uniquePatientBundle(EntryMode.POST).setType(Bundle.BundleType.COLLECTION);

    fhir()
        .body(json(bundle))
        .post()
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"));
  }

  @Test
  void malformedJsonAndXmlAreClientErrors() {
    fhir()
        .body("{\"resourceType\":\"Bundle\",")
        .post()
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"));
    fhir()
        .contentType("application/fhir+xml")
        .body("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=")
        .post()
        .then()
        .statusCode(400);
  }

  @Test
  void xmlBundlesAreAcceptedLikeJson() {
    Bundle bundle = uniquePatientBundle(EntryMode.PUT);
    Identifier id = patientOf(bundle).getIdentifierFirstRep();

    fhir()
        .contentType("application/fhir+xml")
        .body(fhirContext.newXmlParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);

    assertThat(countPatients(id)).isEqualTo(1);
  }

  /** A fresh synthetic patient whose identifiers no other test (or earlier run) uses. */
  private Bundle uniquePatientBundle(EntryMode mode) {
    long seed = UUID.randomUUID().getMostSignificantBits();
    return new SyntheticPatientGenerator(seed, "HD", mode, false).patient(0);
  }

  /** Puts an unknown code into the first coded Observation value; returns its entry index. */
  private static int breakFirstObservation(Bundle bundle) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (bundle.getEntry().get(i).getResource() instanceof Observation o
          && o.hasValueCodeableConcept()
          && !o.getValueCodeableConcept().getCodingFirstRep().getSystem().startsWith("urn:oid")) {
        o.getValueCodeableConcept().getCodingFirstRep().setCode("not-a-code");
        return i;
      }
    }
    throw new IllegalStateException("generated patient without coded observation");
  }

  private Bundle searchPatients(Identifier identifier) {
    return SiteBundles.patientsWith(client, identifier);
  }

  private int countPatients(Identifier identifier) {
    return searchPatients(identifier).getEntry().size();
  }

  private Patient findPatient(Identifier identifier) {
    return (Patient) searchPatients(identifier).getEntryFirstRep().getResource();
  }

  private int countResourcesOf(Identifier patientIdentifier, String type) {
    Bundle result =
        client
            .search()
            .byUrl(
                type
                    + "?subject:Patient.identifier="
                    + patientIdentifier.getSystem()
                    + "|"
                    + patientIdentifier.getValue()
                    + "&_summary=count")
            .returnBundle(Bundle.class)
            .execute();
    return result.getTotal();
  }

  private String json(Bundle bundle) {
    return fhirContext.newJsonParser().encodeResourceToString(bundle);
  }
}
