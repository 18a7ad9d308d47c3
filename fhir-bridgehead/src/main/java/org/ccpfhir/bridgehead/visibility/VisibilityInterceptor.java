package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Enforces {@link UnitVisibility} on the FHIR API through HAPI's consent framework: the JPA store
 * asks it for every resource it loads for a request (read, vread, search, {@code _include} /
 * {@code _revinclude}, {@code _history}, {@code $everything}, the GET entries of a batch) before
 * the resource leaves the store — a read of a hidden patient answers 404 as if it did not exist, a
 * search leaves hidden resources out — and it sees every resource in every answer, also inside the
 * Bundles and Parameters of operations. Callers who see everything are marked authorized at the
 * start of the request and cost nothing further. Operations that answer something other than FHIR
 * resources (CSV, sealed exports, listings) check {@link UnitVisibility} themselves.
 */
@Component
@Interceptor
public class VisibilityInterceptor extends ConsentInterceptor implements FhirInterceptor {

  /** HAPI's "not known" messages carry a code that tells a hidden read from an unknown id. */
  private static final Pattern NOT_KNOWN =
      Pattern.compile("HAPI-\\d+: (Resource \\S+ is not known)");

  public VisibilityInterceptor(UnitVisibility visibility) {
    super(new Service(visibility));
  }

  /**
   * A read refused here and a read of an id that does not exist must answer alike (404 without a
   * hint): both lose HAPI's message code, for every caller.
   */
  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException sameAnswerAsUnknown(Throwable exception) {
    if (exception instanceof ResourceNotFoundException notFound
        && notFound.getMessage() != null) {
      Matcher matcher = NOT_KNOWN.matcher(notFound.getMessage());
      if (matcher.find()) {
        return new ResourceNotFoundException(matcher.group(1));
      }
    }
    return null;
  }

  private static final class Service implements IConsentService {

    private static final String CHECK = VisibilityInterceptor.class.getName() + ".check";

    private final UnitVisibility visibility;

    private Service(UnitVisibility visibility) {
      this.visibility = visibility;
    }

    @Override
    public ConsentOutcome startOperation(
        RequestDetails request, IConsentContextServices contextServices) {
      UnitVisibility.Check check = visibility.forCurrentCaller();
      if (check.scope().everything()) {
        return ConsentOutcome.AUTHORIZED;
      }
      request.getUserData().put(CHECK, check);
      return ConsentOutcome.PROCEED;
    }

    @Override
    public boolean shouldProcessCanSeeResource(
        RequestDetails request, IConsentContextServices contextServices) {
      return true;
    }

    @Override
    public ConsentOutcome canSeeResource(
        RequestDetails request, IBaseResource resource, IConsentContextServices contextServices) {
      return decide(request, resource);
    }

    @Override
    public ConsentOutcome willSeeResource(
        RequestDetails request, IBaseResource resource, IConsentContextServices contextServices) {
      return decide(request, resource);
    }

    private ConsentOutcome decide(RequestDetails request, IBaseResource resource) {
      Object check = request.getUserData().get(CHECK);
      if (check == null) {
        // a sub-request (batch entry) carries its own user data: decide for its caller
        check = visibility.forCurrentCaller();
        request.getUserData().put(CHECK, check);
      }
      return ((UnitVisibility.Check) check).test(resource)
          ? ConsentOutcome.PROCEED
          : ConsentOutcome.REJECT;
    }
  }
}
