package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * A person pseudonymized by hand (the pseudonymize page) gets a Patient in the MDAT store under the
 * local pseudonym, so that the consent page can record the consent a global pseudonym needs (issue
 * 23 finding 5: before, no page led from a new patient to a global pseudonym). The Patient carries
 * what an ingested one may carry: the pseudonym, birth month and year, sex (unknown when not
 * given). A later ingest of the same person updates it (conditional update on the pseudonym
 * identifier).
 */
@Component
public class PseudonymPatients {

  private static final Set<String> FHIR_SEX = Set.of("female", "male", "other", "unknown");

  private final DaoRegistry daoRegistry;

  public PseudonymPatients(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** The logical id of the Patient with this pseudonym, created when there is none. */
  public String ensure(Identifier pseudonym, Idat person) {
    IFhirResourceDao<Patient> dao = daoRegistry.getResourceDao(Patient.class);
    Patient patient = new Patient();
    patient.addIdentifier(pseudonym.copy());
    // the store's Patient profile needs a gender: "unknown" when the form left it out
    patient.setGender(AdministrativeGender.UNKNOWN);
    if (person != null) {
      String year = person.fields().get(IdatField.BIRTH_YEAR);
      String month = person.fields().get(IdatField.BIRTH_MONTH);
      if (year != null && month != null) {
        patient.setBirthDateElement(
            new DateType(year + "-" + (month.length() == 1 ? "0" + month : month)));
      }
      String sex = person.fields().get(IdatField.SEX);
      if (sex != null && FHIR_SEX.contains(sex)) {
        patient.setGender(AdministrativeGender.fromCode(sex));
      }
    }
    String condition =
        "Patient?identifier="
            + URLEncoder.encode(pseudonym.getSystem(), StandardCharsets.UTF_8)
            + "|"
            + URLEncoder.encode(pseudonym.getValue(), StandardCharsets.UTF_8);
    IIdType id = dao.create(patient, condition, new SystemRequestDetails()).getId();
    return id.getIdPart();
  }
}
