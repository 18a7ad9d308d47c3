package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every search parameter of a resource costs index rows on every write. For the MDS resource types
 * the store keeps only the parameters that identity handling, the Teiler, decentralized searches
 * and data-subject requests use, and retires the rest of the built-in ones (HAPI honours a stored
 * SearchParameter with the built-in URL and status {@code retired}). Other resource types keep all
 * their parameters. Runs once at start-up, before the first request is served.
 */
@Component
public class SearchParameterPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(SearchParameterPolicy.class);

  /** Parameters kept per MDS resource type (meta parameters such as _id are never retired). */
  static final Map<String, Set<String>> KEPT =
      Map.of(
          "Patient", Set.of("identifier", "gender", "birthdate", "death-date", "deceased"),
          "Condition",
              Set.of(
                  "identifier",
                  "code",
                  "subject",
                  "patient",
                  "onset-date",
                  "body-site",
                  "evidence-detail",
                  "recorded-date"),
          "Observation",
              Set.of(
                  "identifier",
                  "code",
                  "subject",
                  "patient",
                  "focus",
                  "date",
                  "value-concept",
                  "code-value-concept",
                  "component-code",
                  "component-value-concept",
                  "component-code-value-concept",
                  "derived-from",
                  "has-member",
                  "method"),
          "Procedure",
              Set.of(
                  "identifier",
                  "code",
                  "category",
                  "subject",
                  "patient",
                  "date",
                  "reason-reference"),
          "MedicationStatement",
              Set.of(
                  "identifier",
                  "category",
                  "code",
                  "subject",
                  "patient",
                  "effective",
                  "reason-reference"),
          "ClinicalImpression",
              Set.of("identifier", "subject", "patient", "date", "finding-ref", "problem"),
          // parent: the biobank's aliquots (remaining volume of a parent sample)
          "Specimen",
              Set.of(
                  "identifier", "type", "subject", "patient", "collected", "bodysite", "parent"));

  private final FhirContext fhirContext;
  private final DaoRegistry daoRegistry;
  private final ISearchParamRegistry registry;
  private final IFhirSystemDao<Bundle, ?> systemDao;

  public SearchParameterPolicy(
      FhirContext fhirContext,
      DaoRegistry daoRegistry,
      ISearchParamRegistry registry,
      IFhirSystemDao<Bundle, ?> systemDao) {
    this.fhirContext = fhirContext;
    this.systemDao = systemDao;
    this.daoRegistry = daoRegistry;
    this.registry = registry;
    apply();
  }

  private void apply() {
    List<SearchParameter> retired = retiredParameters();
    SystemRequestDetails request = new SystemRequestDetails();
    Set<String> stored = alreadyRetired(retired);
    Bundle missing = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (SearchParameter parameter : retired) {
      if (!stored.contains(parameter.getIdElement().getIdPart())) {
        missing
            .addEntry()
            .setResource(parameter)
            .getRequest()
            .setMethod(Bundle.HTTPVerb.PUT)
            .setUrl("SearchParameter/" + parameter.getIdElement().getIdPart());
      }
    }
    @SuppressWarnings("unchecked")
    IFhirResourceDao<SearchParameter> dao = daoRegistry.getResourceDao(SearchParameter.class);
    boolean restored = restoreKept(dao, request);
    if (missing.hasEntry()) {
      // one database transaction instead of one per parameter keeps the first start-up short
      systemDao.transaction(request, missing);
    }
    if (missing.hasEntry() || restored) {
      registry.forceRefresh();
    }
    LOG.info(
        "Search parameters: {} built-in ones retired ({} newly)",
        retired.size(),
        missing.getEntry().size());
  }

  /**
   * A parameter kept since a later version (e.g. Specimen {@code parent} for the biobank) was
   * retired by an earlier start: its retiring override is deleted so the built-in one applies
   * again.
   */
  private boolean restoreKept(IFhirResourceDao<SearchParameter> dao, SystemRequestDetails request) {
    boolean restored = false;
    for (Map.Entry<String, Set<String>> kept : KEPT.entrySet()) {
      for (String code : kept.getValue()) {
        IdType id = new IdType("SearchParameter", overrideId(kept.getKey(), code));
        try {
          dao.read(id, request);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
          continue;
        }
        dao.delete(id, request);
        LOG.info("Search parameter {} {} indexed again", kept.getKey(), code);
        restored = true;
      }
    }
    return restored;
  }

  private static String overrideId(String type, String code) {
    return ("ccp-off-" + type + "-" + code).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Ids of the parameters that are stored and retired, in one search: a restart finds all of them
   * (one read per parameter cost ~80 database round trips and transactions at every start).
   */
  private Set<String> alreadyRetired(List<SearchParameter> retired) {
    TokenOrListParam ids = new TokenOrListParam();
    retired.forEach(parameter -> ids.add(new TokenParam(parameter.getIdElement().getIdPart())));
    Set<String> stored = new HashSet<>();
    for (IBaseResource found :
        InternalSearches.all(daoRegistry, "SearchParameter", IAnyResource.SP_RES_ID, ids)) {
      SearchParameter parameter = (SearchParameter) found;
      if (parameter.getStatus() == PublicationStatus.RETIRED) {
        stored.add(parameter.getIdElement().getIdPart());
      }
    }
    return stored;
  }

  List<SearchParameter> retiredParameters() {
    List<SearchParameter> retired = new ArrayList<>();
    KEPT.forEach(
        (type, kept) -> {
          for (RuntimeSearchParam builtIn :
              fhirContext.getResourceDefinition(type).getSearchParams()) {
            String code = builtIn.getName();
            if (!code.startsWith("_") && !kept.contains(code) && builtIn.getUri() != null) {
              retired.add(retire(type, builtIn));
            }
          }
        });
    return retired;
  }

  private static SearchParameter retire(String type, RuntimeSearchParam builtIn) {
    SearchParameter parameter = new SearchParameter();
    parameter.setId(overrideId(type, builtIn.getName()));
    parameter.setUrl(builtIn.getUri());
    parameter.setName(builtIn.getName());
    parameter.setCode(builtIn.getName());
    parameter.addBase(type);
    parameter.setType(SearchParamType.fromCode(builtIn.getParamType().getCode()));
    parameter.setExpression(builtIn.getPath());
    parameter.setDescription("Not indexed by the ccp-fhir bridgehead (not used by the platform)");
    parameter.setStatus(PublicationStatus.RETIRED);
    return parameter;
  }
}
