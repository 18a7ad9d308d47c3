package org.ccpfhir.bridgehead.pseudonym;

import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Pseudonymizes a Patient on its way into the store (CCP-IT §3.1): its IDAT go to the local patient
 * list, the Patient keeps the local pseudonym as identifier and loses names, contact data and
 * address. The birth date is reduced by the ingest's IDAT guard afterwards.
 */
@Component
public class PatientPseudonymizer {

  private final LocalPatientList localPatientList;
  private final LocalPatientListProperties properties;

  public PatientPseudonymizer(
      LocalPatientList localPatientList, LocalPatientListProperties properties) {
    this.localPatientList = localPatientList;
    this.properties = properties;
  }

  /**
   * Replaces the Patient's IDAT by its local pseudonym.
   *
   * @param where FHIRPath of the Patient in the request, for error messages
   * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException when the IDAT are too
   *     incomplete to find the person again (message names the element, never a value)
   */
  public void pseudonymize(Patient patient, String where) {
    String id =
        localPatientList.pseudonymize(IdatParameters.fromPatient(patient, where)).bkLocalId();
    String system = PseudonymSystems.of(properties.localDomain());
    patient.getIdentifier().removeIf(identifier -> system.equals(identifier.getSystem()));
    patient
        .getIdentifier()
        .add(0, new org.hl7.fhir.r4.model.Identifier().setSystem(system).setValue(id));
    patient.setName(null);
    patient.setTelecom(null);
    patient.setAddress(null);
    patient.setPhoto(null);
    patient.setContact(null);
  }
}
