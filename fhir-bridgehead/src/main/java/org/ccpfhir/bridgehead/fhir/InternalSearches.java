package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Searches the bridgehead runs on its own store (consent, upload, search agent) must see every
 * match. Without a bound of their own, HAPI stops a synchronous search at the store's default fetch
 * maximum (the page size, 500) and the rest is silently missing.
 */
public final class InternalSearches {

  /** Upper bound of an internal synchronous search. */
  private static final int ALL = 10_000_000;

  /** Page size when a result is read out page by page. */
  private static final int PAGE = 500;

  private InternalSearches() {}

  /** Every resource of the type matching one search parameter (any of the values). */
  public static List<IBaseResource> all(
      DaoRegistry daos, String type, String parameter, IQueryParameterOr<?> values) {
    SearchParameterMap query = unbounded(new SearchParameterMap());
    query.add(parameter, values);
    return everything(daos.getResourceDao(type).search(query, new SystemRequestDetails()));
  }

  /** The map, synchronous and not cut at the page size. */
  public static SearchParameterMap unbounded(SearchParameterMap query) {
    query.setLoadSynchronous(true);
    query.setLoadSynchronousUpTo(ALL);
    // the DAO takes the bound from the count when no cache-control header sets one
    query.setCount(ALL);
    return query;
  }

  /**
   * Every resource of a search result, page by page: a large result (thousands of Consents) can
   * come back as a persisted search, whose resources cannot be asked for all at once.
   */
  public static List<IBaseResource> everything(IBundleProvider found) {
    List<IBaseResource> all = new ArrayList<>();
    for (int from = 0; ; from += PAGE) {
      List<IBaseResource> page = found.getResources(from, from + PAGE);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
    }
  }
}
