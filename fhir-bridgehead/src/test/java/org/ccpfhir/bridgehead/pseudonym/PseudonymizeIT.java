package org.ccpfhir.bridgehead.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.ccpfhir.identity.pseudonym.CheckCharacter;
import org.ccpfhir.testsupport.TestNames;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** {@code $pseudonymize} for local pseudonyms through the bridgehead's FHIR API. */
class PseudonymizeIT extends PostgresIT {

  private Parameters named(String first, String last, String birthDate) {
    Parameters parameters = new Parameters();
    parameters.addParameter("target", new StringType("BK-L"));
    parameters.addParameter("firstName", new StringType(first));
    parameters.addParameter("lastName", new StringType(last));
    parameters.addParameter("birthDate", new DateType(birthDate));
    return parameters;
  }

  private Response post(Parameters parameters, String user) {
    return clients
        .as(user)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(parameters))
        .post("/fhir/$pseudonymize");
  }

  private Identifier pseudonym(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    Parameters out =
        fhirContext.newJsonParser().parseResource(Parameters.class, response.asString());
    return (Identifier)
        out.getParameter("pseudonym").getPart().stream()
            .filter(p -> p.getName().equals("pseudonym"))
            .findFirst()
            .orElseThrow()
            .getValue();
  }

  @Test
  void theSamePersonGetsTheSameLocalPseudonymAlsoWithATypo() {
    String unique = TestNames.unique("Quarzberg");
    Response first = post(named("Hiltrud", unique, "1951-06-17"), "datamanager");
    first.then().statusCode(200);
    Identifier id = pseudonym(first);
    Identifier again = pseudonym(post(named("Hiltrud", unique + "e", "1951-06-17"), "datamanager"));

    assertThat(id.getSystem()).isEqualTo("https://ccp-fhir.org/fhir/sid/pseudonym/BK-HD-L");
    assertThat(CheckCharacter.isValid(id.getValue())).isTrue();
    assertThat(again.getValue()).isEqualTo(id.getValue());
    assertThat(first.asString()).contains("\"local\"").doesNotContain("MATCH", "known", "new");
  }

  @Test
  void aPatientResourceWorksAndApplicationsUseTheirDomains() {
    Parameters parameters = new Parameters();
    parameters.addParameter("target", new StringType("BK-L"));
    Patient patient = new Patient();
    patient.addName().setFamily(TestNames.unique("Sauerampfer")).addGiven("Rudolf");
    patient.setBirthDateElement(new DateType("1939-02-28"));
    patient.setGender(AdministrativeGender.MALE);
    parameters.addParameter().setName("patient").setResource(patient);
    String token =
        clients
            .anonymous()
            .auth()
            .preemptive()
            .basic("clinical-system", "clinical-system-demo")
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials")
            .post("/oauth2/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    Response response =
        clients
            .anonymous()
            .auth()
            .oauth2(token)
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(parameters))
            .post("/fhir/$pseudonymize");

    response.then().statusCode(200);
    assertThat(CheckCharacter.isValid(pseudonym(response).getValue())).isTrue();
    // an application ingests its own Patients: no Patient is made for it
    assertThat(patientPart(response)).isEmpty();
  }

  @Test
  void possibleMatchesAreReviewedByTheDataManager() {
    // both names new: earlier runs on a kept database hold people with this birth date
    String given = TestNames.unique("Wiltrud");
    String family = TestNames.unique("Kornblume");
    String kept = pseudonym(post(named(given, family, "1944-05-09"), "datamanager")).getValue();
    String doubtful = pseudonym(post(named(given, family, "1944-09-05"), "datamanager")).getValue();
    assertThat(doubtful).isNotEqualTo(kept);

    Parameters list =
        fhirContext
            .newJsonParser()
            .parseResource(
                Parameters.class,
                clients
                    .as("datamanager")
                    .get("/fhir/$local-review-list")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    Parameters.ParametersParameterComponent review =
        list.getParameter().stream()
            .filter(
                p ->
                    p.getPart().stream()
                        .anyMatch(
                            q ->
                                q.getName().equals("pseudonym")
                                    && ((Identifier) q.getValue()).getValue().equals(doubtful)))
            .findFirst()
            .orElseThrow();
    assertThat(review.toString()).doesNotContain(family);
    String reviewId =
        review.getPart().stream()
            .filter(q -> q.getName().equals("id"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .primitiveValue();

    Parameters decide = new Parameters();
    decide.addParameter("review", new StringType(reviewId));
    decide.addParameter("decision", new org.hl7.fhir.r4.model.CodeType("link"));
    String answer =
        clients
            .as("datamanager")
            .contentType("application/fhir+json")
            .body(fhirContext.newJsonParser().encodeResourceToString(decide))
            .post("/fhir/$local-review-decide")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(answer).contains(kept);
    assertThat(pseudonym(post(named(given, family, "1944-05-09"), "datamanager")).getValue())
        .isEqualTo(kept);
    clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(decide))
        .post("/fhir/$local-review-decide")
        .then()
        .statusCode(404);
  }

  /**
   * Issue 23 finding 5: the pseudonymize page's patient can get its consent in the consent page.
   */
  @Test
  void aDataManagersPatientIsInTheStoreSoItsConsentCanBeRecorded() {
    String family = TestNames.unique("Wegwarte");
    Parameters person = named("Irmgard", family, "1958-11-23");
    person.addParameter("sex", new CodeType("female"));
    Response first = post(person, "datamanager");
    first.then().statusCode(200);
    String value = pseudonym(first).getValue();
    String reference = patientPart(first);
    assertThat(reference).startsWith("Patient/");
    // the same person again: the same Patient, not a second one
    assertThat(patientPart(post(person, "datamanager"))).isEqualTo(reference);

    // what the consent page does: find the Patient by the pseudonym's value
    Bundle found =
        fhirContext
            .newJsonParser()
            .parseResource(
                Bundle.class,
                clients
                    .as("datamanager")
                    .get("/fhir/Patient?identifier=" + value)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(found.getEntry()).hasSize(1);
    Patient stored = (Patient) found.getEntryFirstRep().getResource();
    assertThat("Patient/" + stored.getIdPart()).isEqualTo(reference);
    assertThat(stored.hasName()).isFalse();
    assertThat(stored.getBirthDateElement().getValueAsString()).isEqualTo("1958-11");
    assertThat(stored.getGender()).isEqualTo(AdministrativeGender.FEMALE);

    clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body(
            fhirContext
                .newJsonParser()
                .encodeResourceToString(ConsentResources.consent(reference, "network")))
        .post("/fhir/Consent")
        .then()
        .statusCode(201);
    // with the consent, a global pseudonym is no longer refused for want of one
    Parameters global = named("Irmgard", family, "1958-11-23");
    global.setParameter("target", new StringType("BK-G"));
    assertThat(post(global, "datamanager").asString()).doesNotContain("no active network consent");
  }

  private String patientPart(Response response) {
    Parameters out =
        fhirContext.newJsonParser().parseResource(Parameters.class, response.asString());
    return out.getParameter("pseudonym").getPart().stream()
        .filter(p -> p.getName().equals("patient"))
        .map(p -> ((Reference) p.getValue()).getReference())
        .findFirst()
        .orElse("");
  }

  @Test
  void badInputIsAClientErrorThatNamesWhatIsMissing() {
    Parameters incomplete = named("Anna", "Beispiel", "1970-01-01");
    incomplete.getParameter().removeIf(p -> p.getName().equals("birthDate"));
    Response missing = post(incomplete, "datamanager");
    missing.then().statusCode(400);
    assertThat(missing.asString())
        .contains("OperationOutcome", "birth date")
        .doesNotContain("Beispiel");

    // a global pseudonym needs a recorded network consent
    Parameters global = named("Anna", "Beispiel", "1970-01-01");
    global.setParameter("target", new StringType("BK-G"));
    Response refused = post(global, "datamanager");
    refused.then().statusCode(422);
    assertThat(refused.asString()).contains("network consent").doesNotContain("Beispiel");
    // the MDS database's domain is not a pseudonymization target
    global.setParameter("target", new StringType("MDS-G"));
    post(global, "datamanager").then().statusCode(400);

    clients
        .as("datamanager")
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Parameters\"}")
        .post("/fhir/$pseudonymize")
        .then()
        .statusCode(400);
  }
}
