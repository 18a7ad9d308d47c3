package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.springframework.stereotype.Component;

/**
 * Checks the Parameters of HAPI's {@code $validate} before it runs. HAPI takes the last parameter
 * named {@code resource} without checking that it carries one, and reads {@code mode} and {@code
 * profile} as primitives without checking their type: a nameless or valueless parameter beside the
 * resource was a NullPointerException in the DAO's id check (a 500, found by the 100,000-case fuzz
 * run). Here every parameter must have a name, {@code resource} must occur once with a resource,
 * {@code mode} and {@code profile} must be primitive values; anything else is a 400 naming where.
 */
@Component
@Interceptor
public class ValidateOperationGuard implements FhirInterceptor {

  private static final Set<String> PRIMITIVE_PARAMETERS = Set.of("mode", "profile");

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void checkValidate(RequestDetails request) {
    if (!"$validate".equals(request.getOperation())
        || !(request.getResource() instanceof Parameters parameters)) {
      return;
    }
    List<ParametersParameterComponent> list = parameters.getParameter();
    int resources = 0;
    for (int i = 0; i < list.size(); i++) {
      ParametersParameterComponent parameter = list.get(i);
      String where = "Parameters.parameter[" + i + "]";
      String name = parameter.getName();
      if (name == null || name.isBlank()) {
        throw invalid(where, "a parameter without a name");
      }
      if (name.equals("resource")) {
        if (parameter.getResource() == null) {
          throw invalid(where, "parameter 'resource' must carry the resource to validate");
        }
        resources++;
      } else if (PRIMITIVE_PARAMETERS.contains(name)
          && !(parameter.getValue() instanceof PrimitiveType<?> value && !value.isEmpty())) {
        throw invalid(where, "parameter '" + name + "' must be a code or uri value");
      }
    }
    if (resources > 1) {
      throw invalid("Parameters.parameter", "parameter 'resource' may occur once");
    }
  }

  private static InvalidRequestException invalid(String where, String message) {
    OperationOutcome outcome = SecurityResponses.outcome(IssueType.INVALID, message);
    outcome.getIssueFirstRep().addExpression(where);
    return new InvalidRequestException(message, outcome);
  }
}
