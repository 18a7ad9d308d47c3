package org.ccpfhir.bridgehead.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.expunge.ExpungeService;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.subjectaccess.SiteStoreReader;
import org.ccpfhir.bridgehead.withdrawal.SiteStore;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.ValueSets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Forms through the FHIR API: the data manager defines a form (Questionnaire) with a coded field
 * from the terminology, entries (QuestionnaireResponse) about a patient or a sample are checked
 * against it; bad entries (code outside the list, required answer missing, wrong type, unknown form
 * version) are refused with 422 naming the item and nothing is stored; a published version never
 * changes, a new version brings its own rules; only data managers and admins define forms; an entry
 * about another unit's patient is hidden like the patient (demo profile: {@code oncology} sees unit
 * ONC, {@code surgery} unit SURG).
 */
class FormsIT extends PostgresIT {

  private static final String ENTRY_IDS = "https://example.org/fhir/sid/form-entry";

  @Autowired DaoRegistry daos;
  @Autowired IFhirSystemDao<Bundle, ?> systemDao;
  @Autowired ExpungeService expunge;
  @Autowired ISearchParamRegistry searchParameters;

  private static String patientId;
  private static String specimenId;

  /** Every test has its own form: the shared store keeps those of earlier runs. */
  private String formUrl;

  @BeforeEach
  void patientSampleAndForm() {
    formUrl = "https://example.org/forms/extra-" + UUID.randomUUID();
    if (patientId == null) {
      patientId = ingest(fhir());
      specimenId = created(fhir(), "Specimen", sample(patientId));
    }
  }

  // --- bad input first ---------------------------------------------------------------------------

  @Test
  void anAnswerOutsideItsCodeListIs422NamingTheItemAndNothingIsStored() {
    define(form("1", PublicationStatus.ACTIVE));
    // an unknown code of the list's system, and a valid code of another served system
    for (Coding outside :
        List.of(
            new Coding(CodeSystems.YES_NO_UNKNOWN, "maybe", null),
            new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, "urine", null))) {
      refused(
              entry(
                  "1",
                  "Patient/" + patientId,
                  "weight",
                  new DecimalType("70.5"),
                  "smoker",
                  outside),
              "QuestionnaireResponse.item[1].answer[0].valueCoding")
          .body("issue.diagnostics", hasItem(containsString("'smoker'")));
    }
  }

  @Test
  void aMissingRequiredAnswerIs422() {
    define(form("1", PublicationStatus.ACTIVE));
    refused(
            entry("1", "Patient/" + patientId, "note", new StringType("x")),
            "QuestionnaireResponse.item.where(linkId='weight')")
        .body("issue.diagnostics", hasItem(containsString("'weight' is required")));
  }

  @Test
  void anAnswerOfTheWrongTypeIs422() {
    define(form("1", PublicationStatus.ACTIVE));
    refused(
        entry("1", "Patient/" + patientId, "weight", new StringType("heavy")),
        "QuestionnaireResponse.item[0].answer[0]");
  }

  @Test
  void anUnknownFormOrVersionOrADraftIs422() {
    define(form("1", PublicationStatus.ACTIVE));
    define(form("2-draft", PublicationStatus.DRAFT));
    for (String version : List.of("9", "2-draft")) {
      refused(
          entry(version, "Patient/" + patientId, "weight", new DecimalType("1")),
          "QuestionnaireResponse.questionnaire");
    }
    QuestionnaireResponse unversioned =
        entry("1", "Patient/" + patientId, "weight", new DecimalType("1"));
    unversioned.setQuestionnaire(formUrl);
    refused(unversioned, "QuestionnaireResponse.questionnaire");
  }

  @Test
  void anEntryAboutAnUnknownSubjectIs422() {
    define(form("1", PublicationStatus.ACTIVE));
    refused(
        entry("1", "Patient/99999999999", "weight", new DecimalType("1")),
        "QuestionnaireResponse.subject");
  }

  @Test
  void aFormOutsideTheSupportedItemsIs422NamingTheItem() {
    Questionnaire form = form("1", PublicationStatus.ACTIVE);
    form.addItem().setLinkId("photo").setType(QuestionnaireItemType.ATTACHMENT);
    form.addItem()
        .setLinkId("free")
        .setType(QuestionnaireItemType.CHOICE)
        .setAnswerValueSet("https://example.org/ValueSet/not-served");
    fhir()
        .body(json(form))
        .post("/Questionnaire")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("Questionnaire.item[4].type"))
        .body("issue.expression.flatten()", hasItem("Questionnaire.item[5].answerValueSet"));
    assertThat(ids(fhir(), "Questionnaire?url=" + formUrl)).isEmpty();
  }

  @Test
  void onlyDataManagersAndAdminsDefineForms() {
    for (String user : List.of("biobank", "researcher", "approver")) {
      as(user)
          .body(json(form("1", PublicationStatus.ACTIVE)))
          .post("/Questionnaire")
          .then()
          .statusCode(403);
    }
    assertThat(ids(fhir(), "Questionnaire?url=" + formUrl)).isEmpty();
    as("admin")
        .body(json(form("1", PublicationStatus.ACTIVE)))
        .post("/Questionnaire")
        .then()
        .statusCode(201);
    // the biobank enters data with the forms
    as("biobank").get("/Questionnaire?url=" + formUrl).then().statusCode(200);
    created(
        as("biobank"),
        "QuestionnaireResponse",
        entry("1", "Specimen/" + specimenId, "weight", new DecimalType("0.5")));
    as("researcher").get("/QuestionnaireResponse").then().statusCode(403);
  }

  // --- the rules kept
  // ------------------------------------------------------------------------------

  @Test
  void aValidEntryIsStoredAndFoundByItsPatientOrSample() {
    define(form("1", PublicationStatus.ACTIVE));
    String onPatient =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry(
                "1",
                "Patient/" + patientId,
                "weight",
                new DecimalType("70.5"),
                "smoker",
                new Coding(CodeSystems.YES_NO_UNKNOWN, "N", null)));
    String onSample =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry("1", "Specimen/" + specimenId, "weight", new DecimalType("0.5")));
    assertThat(ids(fhir(), "QuestionnaireResponse?subject=Patient/" + patientId))
        .contains(onPatient)
        .doesNotContain(onSample);
    assertThat(ids(fhir(), "QuestionnaireResponse?subject=Specimen/" + specimenId))
        .contains(onSample);
  }

  @Test
  void aPublishedVersionNeverChangesANewVersionBringsItsOwnRules() {
    String v1 = define(form("1", PublicationStatus.ACTIVE));
    Questionnaire changed = form("1", PublicationStatus.ACTIVE);
    changed.setId(v1);
    changed.getItem().get(0).setRequired(true);
    fhir()
        .body(json(changed))
        .put("/Questionnaire/" + v1)
        .then()
        .statusCode(422)
        .body("issue.diagnostics", hasItem(containsString("create a new version")));
    // a second form with the same url|version is no way around it
    fhir()
        .body(json(form("1", PublicationStatus.ACTIVE)))
        .post("/Questionnaire")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("Questionnaire.version"));

    Questionnaire second = form("2", PublicationStatus.ACTIVE);
    second.getItem().get(0).setRequired(true);
    define(second);
    QuestionnaireResponse withoutNote =
        entry("2", "Patient/" + patientId, "weight", new DecimalType("70"));
    refused(withoutNote, "QuestionnaireResponse.item.where(linkId='note')");
    created(
        fhir(),
        "QuestionnaireResponse",
        entry("1", "Patient/" + patientId, "weight", new DecimalType("70")));
    created(
        fhir(),
        "QuestionnaireResponse",
        entry(
            "2",
            "Patient/" + patientId,
            "weight",
            new DecimalType("70"),
            "note",
            new StringType("x")));

    // retiring v1 is its only change; entries then take v2
    Questionnaire retired = form("1", PublicationStatus.RETIRED);
    retired.setId(v1);
    fhir().body(json(retired)).put("/Questionnaire/" + v1).then().statusCode(200);
    refused(
        entry("1", "Patient/" + patientId, "weight", new DecimalType("70")),
        "QuestionnaireResponse.questionnaire");
  }

  @Test
  void anEntryAboutAnotherUnitsPatientIsHiddenLikeThePatient() {
    for (String user : List.of("oncology", "surgery")) {
      acceptTermsOfUse(user);
    }
    define(form("1", PublicationStatus.ACTIVE));
    String oncPatient = ingest(as("oncology"));
    String entry =
        created(
            as("oncology"),
            "QuestionnaireResponse",
            entry("1", "Patient/" + oncPatient, "weight", new DecimalType("70")));
    as("oncology").get("/QuestionnaireResponse/" + entry).then().statusCode(200);
    as("surgery").get("/QuestionnaireResponse/" + entry).then().statusCode(404);
    assertThat(ids(as("surgery"), "QuestionnaireResponse?subject=Patient/" + oncPatient)).isEmpty();
    // nor can the other unit write about that patient (answered like an unknown one)
    as("surgery")
        .body(json(entry("1", "Patient/" + oncPatient, "weight", new DecimalType("1"))))
        .post("/QuestionnaireResponse")
        .then()
        .statusCode(422)
        .body("issue.expression.flatten()", hasItem("QuestionnaireResponse.subject"));
    // an entry about a sample follows the sample's patient
    String oncSample = created(as("oncology"), "Specimen", sample(oncPatient));
    String sampleEntry =
        created(
            as("oncology"),
            "QuestionnaireResponse",
            entry("1", "Specimen/" + oncSample, "weight", new DecimalType("1")));
    as("surgery").get("/QuestionnaireResponse/" + sampleEntry).then().statusCode(404);
    assertThat(ids(as("surgery"), "QuestionnaireResponse?subject=Specimen/" + oncSample)).isEmpty();
    as("oncology").get("/QuestionnaireResponse/" + sampleEntry).then().statusCode(200);
  }

  @Test
  void aDataSubjectsAccessRequestFindsTheEntriesAboutThePatientAndItsSamples() {
    define(form("1", PublicationStatus.ACTIVE));
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
            .patient(0);
    String patient = ingest(fhir(), bundle);
    Identifier pseudonym = firstPatient(bundle).getIdentifierFirstRep();
    String sample = created(fhir(), "Specimen", sample(patient));
    String onPatient =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry("1", "Patient/" + patient, "weight", new DecimalType("70")));
    String onSample =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry("1", "Specimen/" + sample, "weight", new DecimalType("1")));
    // what the access request's export reads from the site store (subjectaccess)
    List<String> found =
        new SiteStoreReader(daos, fhirContext, searchParameters, () -> r -> true)
            .read(pseudonym.getSystem(), pseudonym.getValue()).stream()
                .map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
                .toList();
    assertThat(found)
        .contains(
            "Specimen/" + sample,
            "QuestionnaireResponse/" + onPatient,
            "QuestionnaireResponse/" + onSample);
  }

  @Test
  void aWithdrawalDeletesTheEntriesAboutThePatientAndItsSamples() {
    define(form("1", PublicationStatus.ACTIVE));
    String patient = ingest(fhir());
    String sample = created(fhir(), "Specimen", sample(patient));
    String onPatient =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry("1", "Patient/" + patient, "weight", new DecimalType("70")));
    String onSample =
        created(
            fhir(),
            "QuestionnaireResponse",
            entry("1", "Specimen/" + sample, "weight", new DecimalType("1")));
    // the withdrawal cascade's store step (the whole cascade: network-tests WithdrawalIT)
    new SiteStore(daos, systemDao, expunge, fhirContext).deleteEverything(List.of(patient));
    for (String gone :
        List.of(
            "Patient/" + patient,
            "Specimen/" + sample,
            "QuestionnaireResponse/" + onPatient,
            "QuestionnaireResponse/" + onSample)) {
      assertThat(fhir().get("/" + gone).statusCode()).as(gone).isEqualTo(404);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Questionnaire form(String version, PublicationStatus status) {
    Questionnaire form = new Questionnaire();
    form.setUrl(formUrl).setVersion(version).setStatus(status).setName("ExtraAttributes");
    form.addItem().setLinkId("note").setText("Note").setType(QuestionnaireItemType.STRING);
    form.addItem()
        .setLinkId("weight")
        .setText("Weight (kg)")
        .setType(QuestionnaireItemType.DECIMAL)
        .setRequired(true);
    form.addItem()
        .setLinkId("smoker")
        .setText("Smoker")
        .setType(QuestionnaireItemType.CHOICE)
        .setAnswerValueSet(ValueSets.YES_NO_UNKNOWN);
    form.addItem().setLinkId("visits").setType(QuestionnaireItemType.INTEGER).setRepeats(true);
    return form;
  }

  private static Specimen sample(String patient) {
    Specimen sample = new Specimen();
    sample.getMeta().addProfile(MdsProfiles.SPECIMEN);
    sample.getType().addCoding().setSystem(CodeSystems.SAMPLE_MATERIAL_TYPE).setCode("urine");
    sample.getSubject().setReference("Patient/" + patient);
    sample.getCollection().setCollected(new DateTimeType("2026-11-02"));
    return sample;
  }

  private String define(Questionnaire form) {
    return created(fhir(), "Questionnaire", form);
  }

  private QuestionnaireResponse entry(String version, String subject, Object... answers) {
    QuestionnaireResponse entry = new QuestionnaireResponse();
    entry.setIdentifier(
        new Identifier().setSystem(ENTRY_IDS).setValue(UUID.randomUUID().toString()));
    entry.setQuestionnaire(formUrl + "|" + version);
    entry.setStatus(QuestionnaireResponseStatus.COMPLETED);
    entry.getSubject().setReference(subject);
    for (int i = 0; i < answers.length; i += 2) {
      entry.addItem().setLinkId((String) answers[i]).addAnswer().setValue((Type) answers[i + 1]);
    }
    return entry;
  }

  private ValidatableResponse refused(QuestionnaireResponse entry, String expression) {
    ValidatableResponse answer =
        fhir()
            .body(json(entry))
            .post("/QuestionnaireResponse")
            .then()
            .statusCode(422)
            .body("resourceType", equalTo("OperationOutcome"))
            .body("issue.expression.flatten()", hasItem(expression));
    assertThat(
            ids(
                fhir(),
                "QuestionnaireResponse?identifier="
                    + ENTRY_IDS
                    + "|"
                    + entry.getIdentifier().getValue()))
        .as("nothing stored")
        .isEmpty();
    return answer;
  }

  private String ingest(RequestSpecification as) {
    return ingest(
        as,
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
            .patient(0));
  }

  private String ingest(RequestSpecification as, Bundle bundle) {
    as.body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);
    Identifier id = firstPatient(bundle).getIdentifierFirstRep();
    return fhir()
        .get("/Patient?identifier=" + id.getSystem() + "|" + id.getValue())
        .then()
        .statusCode(200)
        .extract()
        .path("entry[0].resource.id");
  }

  private static Patient firstPatient(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(Patient.class::isInstance)
        .map(Patient.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private String created(RequestSpecification as, String type, Resource resource) {
    return as.body(json(resource)).post("/" + type).then().statusCode(201).extract().path("id");
  }

  private List<String> ids(RequestSpecification as, String query) {
    List<String> ids =
        as.get("/" + query + (query.contains("?") ? "&" : "?") + "_count=100")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("entry.resource.id", String.class);
    return ids == null ? List.of() : ids;
  }

  private String json(Resource resource) {
    return fhirContext.newJsonParser().encodeResourceToString(resource);
  }

  private RequestSpecification as(String user) {
    return clients.as(user).baseUri(baseUrl()).contentType("application/fhir+json");
  }
}
