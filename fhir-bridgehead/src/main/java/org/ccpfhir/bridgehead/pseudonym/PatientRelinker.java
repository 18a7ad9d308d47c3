package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * After a review links two local pseudonyms, the MDAT stored under the retired one move to the kept
 * one: every Patient carrying the retired pseudonym gets the kept one instead. (Two Patient
 * resources may then carry the same pseudonym; merging their MDAT is the data manager's next step.)
 */
@Component
public class PatientRelinker {

  private final DaoRegistry daoRegistry;

  public PatientRelinker(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** Returns how many Patient resources were re-pointed. */
  public int relink(String system, String retired, String kept) {
    IFhirResourceDao<Patient> dao = daoRegistry.getResourceDao(Patient.class);
    SystemRequestDetails request = new SystemRequestDetails();
    var found =
        dao.search(
            SearchParameterMap.newSynchronous(
                Patient.SP_IDENTIFIER, new TokenParam(system, retired)),
            request);
    int moved = 0;
    for (IBaseResource resource : found.getAllResources()) {
      Patient patient = (Patient) resource;
      for (Identifier identifier : patient.getIdentifier()) {
        if (system.equals(identifier.getSystem()) && retired.equals(identifier.getValue())) {
          identifier.setValue(kept);
        }
      }
      dao.update(patient, request);
      moved++;
    }
    return moved;
  }
}
