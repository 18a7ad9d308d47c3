package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * A client search that names one condition twice for a parameter (e.g. two values HAPI reads as the
 * same reference, {@code patient=2020-13-45&patient=Patient%2F..%2Fx}) is refused with 400. HAPI
 * requires distinct conditions and checks this only with an assertion: under {@code -ea} it threw
 * an {@link AssertionError} (a 500), without it the query ran with a condition of which the client
 * wrote something else.
 */
@Component
@Interceptor
public class RepeatedSearchConditions implements StorageInterceptor {

  // the last hook before HAPI's SearchCoordinatorSvcImpl.validateSearch
  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void refuseRepeatedConditions(SearchParameterMap params, RequestDetails request) {
    if (!(request instanceof ServletRequestDetails)) {
      return;
    }
    for (Map.Entry<String, List<List<IQueryParameterType>>> parameter : params.entrySet()) {
      Set<List<IQueryParameterType>> seen = new HashSet<>();
      for (List<IQueryParameterType> condition : parameter.getValue()) {
        if (!condition.isEmpty() && !seen.add(condition)) {
          String message =
              "search parameter '"
                  + parameter.getKey()
                  + "' repeats a condition (two of its values mean the same)";
          OperationOutcome outcome = SecurityResponses.outcome(IssueType.INVALID, message);
          outcome.getIssueFirstRep().addExpression(parameter.getKey());
          throw new InvalidRequestException(message, outcome);
        }
      }
    }
  }
}
