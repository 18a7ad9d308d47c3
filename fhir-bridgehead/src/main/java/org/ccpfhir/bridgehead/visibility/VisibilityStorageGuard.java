package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * {@link UnitVisibility} in the store itself: every resource the JPA store loads for a request of a
 * caller — also for the sub-requests of a batch, which HAPI runs past the REST server's
 * interceptors — is held back when the caller may not see it (a read then answers 404, a search
 * leaves it out). The store's own callers ({@code SystemRequestDetails}: jobs, the features'
 * internal searches, which decide for themselves) are not filtered here.
 */
@Component
@Interceptor
public class VisibilityStorageGuard implements StorageInterceptor {

  static final String CHECK = VisibilityStorageGuard.class.getName() + ".check";

  private final UnitVisibility visibility;

  public VisibilityStorageGuard(UnitVisibility visibility) {
    this.visibility = visibility;
  }

  /**
   * Before HAPI's consent framework ({@link VisibilityInterceptor}) asks about the same resources
   * one by one: the patients of the page are decided here in one query, which both then use.
   */
  @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = -1000)
  public void preAccess(RequestDetails request, IPreResourceAccessDetails details) {
    if (request == null || request instanceof SystemRequestDetails || !visibility.enabled()) {
      return;
    }
    UnitVisibility.Check check = checkOf(request, visibility);
    if (check.scope().everything()) {
      return;
    }
    List<IBaseResource> resources = new ArrayList<>(details.size());
    for (int i = 0; i < details.size(); i++) {
      resources.add(details.getResource(i));
    }
    check.decidePatientsOf(resources);
    for (int i = 0; i < details.size(); i++) {
      if (!check.test(details.getResource(i))) {
        details.setDontReturnResourceAtIndex(i);
      }
    }
  }

  /** The check of a request, made once per request for its caller. */
  static UnitVisibility.Check checkOf(RequestDetails request, UnitVisibility visibility) {
    Object check = request.getUserData().get(CHECK);
    if (check == null) {
      check = visibility.forCurrentCaller();
      request.getUserData().put(CHECK, check);
    }
    return (UnitVisibility.Check) check;
  }
}
