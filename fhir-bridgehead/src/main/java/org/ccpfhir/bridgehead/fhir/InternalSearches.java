package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Searches the bridgehead runs on its own store (consent, upload, search agent) must see every
 * match. Without a bound of their own, HAPI stops a synchronous search at the store's default fetch
 * maximum (the page size, 500) and the rest is silently missing.
 */
public final class InternalSearches {

  /** Upper bound of an internal synchronous search. */
  private static final int ALL = 10_000_000;

  private InternalSearches() {}

  /** Every resource of the type matching one search parameter (any of the values). */
  public static List<IBaseResource> all(
      DaoRegistry daos, String type, String parameter, IQueryParameterOr<?> values) {
    SearchParameterMap query = unbounded(new SearchParameterMap());
    query.add(parameter, values);
    return ConsentKinds.everything(
        daos.getResourceDao(type).search(query, new SystemRequestDetails()));
  }

  /** The map, synchronous and not cut at the page size. */
  public static SearchParameterMap unbounded(SearchParameterMap query) {
    query.setLoadSynchronous(true);
    query.setLoadSynchronousUpTo(ALL);
    // the DAO takes the bound from the count when no cache-control header sets one
    query.setCount(ALL);
    return query;
  }
}
