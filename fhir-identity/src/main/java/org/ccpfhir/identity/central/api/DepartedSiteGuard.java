package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.ccpfhir.identity.central.PartnerDepartures;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirInterceptor;

/**
 * A departed partner (CCP-IT §5.3) can no longer call: every request of a caller whose site has a
 * departure case is refused (403), whatever certificate it still holds — revoking the certificate
 * at the network CA is the CA operator's step, this one takes effect at once. The refusal is
 * audited like every request.
 */
@Interceptor
public class DepartedSiteGuard implements FhirInterceptor {

  private final PartnerDepartures departures;

  public DepartedSiteGuard(PartnerDepartures departures) {
    this.departures = departures;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public void refuseDepartedSites(RequestDetails request) {
    String site = Caller.current().map(Caller::site).orElse(null);
    if (site != null && departures.departed(site)) {
      throw new ForbiddenOperationException("site " + site + " has left the network");
    }
  }
}
