package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.ccpfhir.disclosure.Released;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Shows a floored search total as "&lt;floor" (data-absent extensions on {@code Bundle.total}) and
 * makes sure a count Bundle carries no entries and no paging links.
 */
@Interceptor
public class ReleasedTotalInterceptor {

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean outgoing(RequestDetails request, ResponseDetails response) {
    Object released = request.getUserData().get(CountSearchResourceProvider.RELEASED);
    if (released instanceof Released total
        && response.getResponseResource() instanceof Bundle bundle) {
      bundle.getEntry().clear();
      bundle.getLink().removeIf(link -> !link.getRelation().equals("self"));
      if (total.belowFloor()) {
        bundle.setTotalElement(null);
        CountExtensions.markBelowFloor(bundle.getTotalElement(), total);
      } else {
        bundle.setTotal(total.value());
      }
    }
    return true;
  }
}
