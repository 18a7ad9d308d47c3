package org.ccpfhir.mdssearch.upload;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirInterceptor;

/**
 * A departed partner (CCP-IT §5.3, {@code $mds-partner-departure}) can no longer call: uploads,
 * withdrawals, access requests and the broker's Tasks of a caller whose site has left are refused
 * (403), whatever certificate it still holds until the network CA revokes it. Audited like every
 * request.
 */
@Interceptor
public class DepartedSiteGuard implements FhirInterceptor {

  private final MdsStoreService store;

  public DepartedSiteGuard(MdsStoreService store) {
    this.store = store;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public void refuseDepartedSites(RequestDetails request) {
    String site = Caller.current().map(Caller::site).orElse(null);
    if (site != null && store.departed(site)) {
      throw new ForbiddenOperationException("site " + site + " has left the network");
    }
  }
}
