package org.ccpfhir.bridgehead.subjectaccess;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the site's FHIR store holds of one patient: the Patient resources carrying the local
 * pseudonym and every resource in their Patient compartment (as FHIR defines it), searched type by
 * type through the parameters the store keeps active, and what is about their samples (a form entry
 * whose subject is one of their Specimens).
 */
public class SiteStoreReader {

  private final DaoRegistry daos;
  private final FhirContext fhir;
  private final ISearchParamRegistry searchParameters;
  private final Supplier<? extends Predicate<IBaseResource>> visibleToCaller;

  /**
   * @param visibleToCaller what the calling user may see (department-scoped visibility): a patient
   *     outside it is answered as unknown
   */
  public SiteStoreReader(
      DaoRegistry daos,
      FhirContext fhir,
      ISearchParamRegistry searchParameters,
      Supplier<? extends Predicate<IBaseResource>> visibleToCaller) {
    this.daos = daos;
    this.fhir = fhir;
    this.searchParameters = searchParameters;
    this.visibleToCaller = visibleToCaller;
  }

  /** The Patients with this identifier, then their compartments; empty when none exists. */
  public List<Resource> read(String system, String bkLocal) {
    List<Resource> patients =
        search(
            "Patient", "identifier", new TokenOrListParam().add(new TokenParam(system, bkLocal)));
    if (patients.isEmpty()) {
      return patients;
    }
    if (!patients.stream().allMatch(visibleToCaller.get())) {
      // the same answer as for an unknown pseudonym: no hint that the patient exists
      throw new ResourceNotFoundException(
          "parameter 'pseudonym': no patient of this site has this local pseudonym");
    }
    ReferenceOrListParam references = new ReferenceOrListParam();
    patients.forEach(
        p -> references.addOr(new ReferenceParam("Patient/" + p.getIdElement().getIdPart())));
    Map<String, Resource> found = new LinkedHashMap<>();
    patients.forEach(p -> found.put(key(p), p));
    for (String type : daos.getRegisteredDaoTypes()) {
      for (RuntimeSearchParam parameter :
          fhir.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient")) {
        if (active(type, parameter.getName())) {
          search(type, parameter.getName(), references).forEach(r -> found.put(key(r), r));
        }
      }
    }
    // what is about the patient's samples (form entries on a Specimen) belongs to the patient too,
    // though FHIR's compartment does not reach it
    ReferenceOrListParam samples = new ReferenceOrListParam();
    found.keySet().stream()
        .filter(key -> key.startsWith("Specimen/"))
        .forEach(key -> samples.addOr(new ReferenceParam(key)));
    if (!samples.getValuesAsQueryTokens().isEmpty()) {
      for (String type : daos.getRegisteredDaoTypes()) {
        RuntimeSearchParam subject = fhir.getResourceDefinition(type).getSearchParam("subject");
        if (subject != null
            && (subject.getTargets().isEmpty() || subject.getTargets().contains("Specimen"))
            && active(type, "subject")) {
          search(type, "subject", samples).forEach(r -> found.put(key(r), r));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private boolean active(String type, String parameter) {
    return searchParameters.getActiveSearchParam(
            type, parameter, ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH)
        != null;
  }

  private List<Resource> search(String type, String parameter, IQueryParameterOr<?> values) {
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add(parameter, values);
    List<Resource> resources = new ArrayList<>();
    for (IBaseResource resource :
        InternalSearches.everything(
            daos.getResourceDao(type).search(query, new SystemRequestDetails()))) {
      resources.add((Resource) resource);
    }
    return resources;
  }

  private static String key(Resource resource) {
    return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
  }
}
