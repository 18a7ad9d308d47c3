package org.ccpfhir.bridgehead;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.biobank.Samples;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.ccpfhir.bridgehead.visibility.TreatingUnits;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * Set-up of the bridgehead ITs that need a patient or a sample in the shared store: a synthetic
 * patient (own random seed, so every call is a new patient) ingested through the FHIR API as a user
 * and found again by its pseudonym, an MDS Specimen as the biobank page registers it, and minimal
 * labelled patients written as the site's job.
 */
public final class TestPatients {

  /** The identifier system of the samples registered here. */
  public static final String SAMPLE_IDS = "https://ccp-fhir.org/fhir/sid/HD-sample";

  private final SecureClients clients;
  private final String base;
  private final FhirContext fhirContext;

  public TestPatients(SecureClients clients, String base, FhirContext fhirContext) {
    this.clients = clients;
    this.base = base;
    this.fhirContext = fhirContext;
  }

  /** A patient as ingested: the bundle sent, its pseudonym (system and value), its stored id. */
  public record Ingested(Bundle bundle, Identifier pseudonym, String patientId) {}

  /** FHIR request as this user. */
  public RequestSpecification as(String user) {
    return clients.as(user).baseUri(base).contentType("application/fhir+json");
  }

  /** One new synthetic patient of site HD, posted as a transaction by the user (200 expected). */
  public Ingested ingest(String user) {
    Bundle bundle =
        new SyntheticPatientGenerator(
                UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
            .patient(0);
    as(user).body(json(bundle)).post().then().statusCode(200);
    Identifier pseudonym =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(Patient.class::isInstance)
            .map(Patient.class::cast)
            .findFirst()
            .orElseThrow()
            .getIdentifierFirstRep();
    String patientId =
        as("datamanager")
            .get("/Patient?identifier=" + pseudonym.getSystem() + "|" + pseudonym.getValue())
            .then()
            .statusCode(200)
            .extract()
            .path("entry[0].resource.id");
    return new Ingested(bundle, pseudonym, patientId);
  }

  /**
   * An MDS sample of the patient with this local pseudonym (only the pseudonym, as the page sends
   * it) with a new identifier, collected 2026-11-02, in one container at this place.
   */
  public static Specimen sample(
      String pseudonym, String type, String status, Samples.Location place, Quantity amount) {
    Specimen s = new Specimen();
    s.getMeta().addProfile(MdsProfiles.SPECIMEN);
    s.addExtension(MdsProfiles.EXT_SAMPLE_STATUS, new CodeType(status));
    s.addIdentifier().setSystem(SAMPLE_IDS).setValue(UUID.randomUUID().toString());
    s.getType().addCoding().setSystem(CodeSystems.SAMPLE_MATERIAL_TYPE).setCode(type);
    s.getSubject().setIdentifier(new Identifier().setValue(pseudonym));
    s.getCollection().setCollected(new DateTimeType("2026-11-02"));
    var container = s.addContainer();
    container.addExtension(Samples.locationExtension(place));
    container.addIdentifier().setValue("TUBE-" + place.position());
    container.setSpecimenQuantity(amount);
    return s;
  }

  /** The local patient list's pseudonym system (what the site's patients are stored under). */
  public static final String LOCAL_LIST = "https://ccp-fhir.org/fhir/sid/BK-HD-L";

  /**
   * A minimal patient to write as the site's job: its local pseudonym, its treating unit (null:
   * none) and whether it has the network consent.
   */
  public record Minimal(String pseudonym, String unit, boolean consented) {}

  /**
   * Writes minimal patients (sex and pseudonym, the unit label, the consent) in one transaction
   * through the store as the site's own job (the DAO, no request user — fast, for ITs that need
   * hundreds) and answers the stored Patient ids in the given order.
   */
  public static List<String> storeAsSite(DaoRegistry daos, List<Minimal> patients) {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Minimal planned : patients) {
      String fullUrl = "urn:uuid:" + UUID.randomUUID();
      Patient patient =
          new Patient()
              .setGender(Enumerations.AdministrativeGender.FEMALE)
              .addIdentifier(new Identifier().setSystem(LOCAL_LIST).setValue(planned.pseudonym()));
      if (planned.unit() != null) {
        patient.getMeta().addSecurity(TreatingUnits.SYSTEM, planned.unit(), null);
      }
      post(transaction, patient, fullUrl);
      if (planned.consented()) {
        post(transaction, ConsentResources.consent(fullUrl, NetworkConsent.NETWORK), null);
      }
    }
    Bundle response =
        (Bundle) daos.getSystemDao().transaction(new SystemRequestDetails(), transaction);
    return response.getEntry().stream()
        .map(entry -> new IdType(entry.getResponse().getLocation()))
        .filter(id -> "Patient".equals(id.getResourceType()))
        .map(IdType::getIdPart)
        .toList();
  }

  private static void post(Bundle transaction, Resource resource, String fullUrl) {
    transaction
        .addEntry()
        .setFullUrl(fullUrl)
        .setResource(resource)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl(resource.fhirType());
  }

  /** An amount in millilitres (UCUM). */
  public static Quantity ml(String value) {
    return new Quantity()
        .setValue(new BigDecimal(value))
        .setUnit("mL")
        .setSystem(Samples.UCUM)
        .setCode("mL");
  }

  public String json(IBaseResource resource) {
    return fhirContext.newJsonParser().encodeResourceToString(resource);
  }
}
