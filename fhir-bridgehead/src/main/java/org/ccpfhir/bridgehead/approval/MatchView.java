package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What an approver sees of a matching patient: the local pseudonym and MDS data (sex, birth month,
 * diagnoses) from the FHIR store — which holds no IDAT (names and exact birth dates live only in
 * the local patient list).
 */
public class MatchView {

  private final DaoRegistry daoRegistry;

  public MatchView(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** Adds a {@code match} part for the patient; nothing when it was deleted meanwhile. */
  void addTo(Parameters.ParametersParameterComponent request, String patientId) {
    SystemRequestDetails details = new SystemRequestDetails();
    Patient patient;
    try {
      patient = daoRegistry.getResourceDao(Patient.class).read(new IdType(patientId), details);
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return;
    }
    Parameters.ParametersParameterComponent match = request.addPart().setName("match");
    match.addPart().setName("pseudonym").setValue(new StringType(pseudonym(patient)));
    if (patient.hasGender()) {
      match.addPart().setName("sex").setValue(new StringType(patient.getGender().toCode()));
    }
    if (patient.hasBirthDate()) {
      String month = patient.getBirthDateElement().getValueAsString();
      match
          .addPart()
          .setName("birthMonth")
          .setValue(new StringType(month.substring(0, Math.min(7, month.length()))));
    }
    SearchParameterMap conditions =
        SearchParameterMap.newSynchronous(Condition.SP_SUBJECT, new ReferenceParam(patientId));
    for (IBaseResource resource :
        daoRegistry.getResourceDao(Condition.class).search(conditions, details).getAllResources()) {
      Condition condition = (Condition) resource;
      String code = condition.getCode().getCodingFirstRep().getCode();
      if (code != null) {
        match.addPart().setName("diagnosis").setValue(new StringType(code));
      }
    }
  }

  private static String pseudonym(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(i -> i.hasSystem() && i.getSystem().contains("/sid/pseudonym/"))
        .map(Identifier::getValue)
        .findFirst()
        .orElse(patient.getIdElement().toUnqualifiedVersionless().getValue());
  }
}
