package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * The number of Patients matching a search that a unit-scoped user sees — never one that counts a
 * hidden patient (package README "Department-scoped visibility", counts):
 *
 * <ul>
 *   <li>without the site rule for explicitly consented patients, a patient is visible exactly when
 *       it carries one of the user's units as a {@code meta.security} label ({@link UnitLabeller}):
 *       the count is the store's own count of the search restricted to {@code _security} = those
 *       units (one index query);
 *   <li>with the rule on, consented patients of other units count too: the matches are read page by
 *       page and each is decided by the same {@link UnitVisibility.Check} that filters the user's
 *       reads (cost: every match is loaded once).
 * </ul>
 *
 * The search is the request's own search parameters (the result parameters such as {@code _count},
 * {@code _sort}, {@code _include} do not change which patients match), translated as HAPI does, so
 * bad input is refused (400) as in the search itself.
 */
@Component
public class VisibleCounts {

  /** Parameters that shape the answer, not which patients match. */
  static final Set<String> RESULT_PARAMETERS =
      Set.of(
          "_summary",
          "_total",
          "_count",
          "_offset",
          "_sort",
          "_include",
          "_revinclude",
          "_elements",
          "_format",
          "_pretty",
          "_contained",
          "_containedType",
          "_getpages",
          "_getpagesoffset",
          "_bundletype");

  private static final int PAGE = 500;

  private final DaoRegistry daos;
  private final MatchUrlService matchUrls;
  private final FhirContext fhirContext;
  private final VisibilityProperties properties;

  public VisibleCounts(
      DaoRegistry daos,
      MatchUrlService matchUrls,
      FhirContext fhirContext,
      VisibilityProperties properties) {
    this.daos = daos;
    this.matchUrls = matchUrls;
    this.fhirContext = fhirContext;
    this.properties = properties;
  }

  /** The Patients matching the search parameters that the check's scope sees. */
  public int patients(Map<String, String[]> parameters, UnitVisibility.Check check) {
    SearchParameterMap query =
        matchUrls.translateMatchUrl(
            "Patient?" + criteria(parameters), fhirContext.getResourceDefinition("Patient"));
    if (check.scope().everything()) {
      return count(query);
    }
    if (properties.explicitlyConsentedVisibleToAll()) {
      return visibleOneByOne(query, check);
    }
    if (check.scope().units().isEmpty()) {
      return 0;
    }
    TokenOrListParam units = new TokenOrListParam();
    check.scope().units().forEach(unit -> units.add(TreatingUnits.SYSTEM, unit));
    query.add("_security", units);
    return count(query);
  }

  private int count(SearchParameterMap query) {
    query.setLoadSynchronous(true);
    query.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
    query.setSummaryMode(SummaryEnum.COUNT);
    IBundleProvider found =
        daos.getResourceDao("Patient").search(query, new SystemRequestDetails());
    Integer size = found.size();
    if (size == null) {
      throw new IllegalStateException("the store answered a count without a size");
    }
    return size;
  }

  private int visibleOneByOne(SearchParameterMap query, UnitVisibility.Check check) {
    IBundleProvider found =
        daos.getResourceDao("Patient")
            .search(InternalSearches.unbounded(query), new SystemRequestDetails());
    int visible = 0;
    for (int from = 0; ; from += PAGE) {
      List<IBaseResource> page = found.getResources(from, from + PAGE);
      if (page.isEmpty()) {
        return visible;
      }
      for (IBaseResource patient : page) {
        visible += check.test(patient) ? 1 : 0;
      }
    }
  }

  /** The request's search parameters as a query string (values encoded as in a URL). */
  static String criteria(Map<String, String[]> parameters) {
    List<String> pairs = new ArrayList<>();
    parameters.forEach(
        (name, values) -> {
          if (!RESULT_PARAMETERS.contains(name)) {
            for (String value : values) {
              pairs.add(encode(name) + "=" + encode(value));
            }
          }
        });
    return String.join("&", pairs);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
