package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.springframework.stereotype.Component;

/**
 * No client search is kept in HAPI's search tables ({@code HFJ_SEARCH}): a kept search stores its
 * query string and parameters — identifiers, names — until it expires, and HAPI would answer a
 * repeated search from it (stale after a write: a re-ingested patient was not found). Searches HAPI
 * would keep run as offset searches instead: synchronous, paged with {@code _offset} links that run
 * the query again, never stored. Result reuse is off as well ({@code JpaStoreConfig}).
 */
@Component
@Interceptor
public class UnstoredSearches implements StorageInterceptor {

  private final int defaultPageSize;

  public UnstoredSearches(FhirStoreProperties properties) {
    this.defaultPageSize = properties.defaultPageSize();
  }

  // called after HAPI filled its Search entity and before it decides whether to keep it
  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void registered(
      SearchParameterMap params, ICachedSearchDetails search, RequestDetails request) {
    search.setCannotBeReused();
    // only requests of clients (also batch entries): the bridgehead's own searches are
    // synchronous and unbounded (InternalSearches); HAPI's internal ones keep their paging
    // rather than being cut at a page
    if (!(request instanceof ServletRequestDetails)
        || params.isLoadSynchronous()
        || params.getLoadSynchronousUpTo() != null
        || params.getEverythingMode() != null) {
      return;
    }
    if (params.getOffset() == null) {
      params.setOffset(0);
    }
    if (params.getCount() == null) {
      params.setCount(defaultPageSize);
    }
  }
}
