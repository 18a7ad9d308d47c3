package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.mappers.upload.MdsMinimiser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the data-set resources of a batch of patients from the site store: one search per resource
 * type for the whole batch ({@code subject=Patient/a,Patient/b,…}), not one per patient.
 */
public class PatientDataReader {

  private final DaoRegistry daos;

  public PatientDataReader(DaoRegistry daos) {
    this.daos = daos;
  }

  /** A patient and its data-set resources. */
  public record PatientData(Patient patient, List<Resource> resources) {}

  /** The patients of the batch that exist, by logical id. */
  public Map<String, PatientData> read(Collection<String> patientIds) {
    Map<String, PatientData> data = new HashMap<>();
    if (patientIds.isEmpty()) {
      return data;
    }
    TokenOrListParam ids = new TokenOrListParam();
    patientIds.forEach(id -> ids.addOr(new ca.uhn.fhir.rest.param.TokenParam(id)));
    for (IBaseResource found : search("Patient", "_id", ids)) {
      Patient patient = (Patient) found;
      data.put(patient.getIdElement().getIdPart(), new PatientData(patient, new ArrayList<>()));
    }
    if (data.isEmpty()) {
      return data;
    }
    ReferenceOrListParam subjects = new ReferenceOrListParam();
    data.keySet().forEach(id -> subjects.addOr(new ReferenceParam("Patient/" + id)));
    for (String type : MdsMinimiser.MDS_TYPES) {
      for (IBaseResource found : search(type, "subject", subjects)) {
        Resource resource = (Resource) found;
        String patient = subjectOf(resource);
        if (patient != null && data.containsKey(patient)) {
          data.get(patient).resources().add(resource);
        }
      }
    }
    return data;
  }

  private List<IBaseResource> search(
      String type, String parameter, ca.uhn.fhir.model.api.IQueryParameterOr<?> values) {
    // a batch of patients easily has more resources of one type than a page (500)
    return InternalSearches.all(daos, type, parameter, values);
  }

  private static String subjectOf(Resource resource) {
    org.hl7.fhir.r4.model.Property subject = resource.getNamedProperty("subject");
    if (subject == null || subject.getValues().isEmpty()) {
      return null;
    }
    Reference reference = (Reference) subject.getValues().get(0);
    return reference.getReferenceElement().getIdPart();
  }
}
