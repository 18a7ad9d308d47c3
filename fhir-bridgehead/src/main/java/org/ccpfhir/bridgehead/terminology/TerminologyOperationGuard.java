package org.ccpfhir.bridgehead.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.List;
import java.util.Map;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.springframework.stereotype.Component;

/**
 * Checks the input of HAPI's terminology operations before they run. HAPI's JPA providers cast a
 * resource parameter to the type they expect without checking it (a Patient as {@code valueSet} was
 * a ClassCastException, a 500) and pass a missing {@code system} on to the validation chain (a
 * NullPointerException). Here a resource parameter must be of its declared type and a body that is
 * not Parameters must be of the operation's own resource type; anything else is a 400 naming the
 * parameter. {@code $subsumes} is refused (405): HAPI answers it only from a Hibernate Search
 * index, which this store does not run (see README "Storage"), and nothing in the platform uses it.
 */
@Component
@Interceptor
public class TerminologyOperationGuard implements FhirInterceptor {

  /** The resource parameters of the terminology operations and the type each one takes. */
  private static final Map<String, String> RESOURCE_PARAMETERS =
      Map.of(
          "valueSet", "ValueSet",
          "codeSystem", "CodeSystem",
          "conceptMap", "ConceptMap");

  private static final List<String> TYPES = List.of("CodeSystem", "ValueSet", "ConceptMap");

  private static final List<String> UNSUPPORTED = List.of("$subsumes");

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void checkTerminologyOperation(RequestDetails request) {
    String operation = request.getOperation();
    String type = request.getResourceName();
    if (operation == null || type == null || !TYPES.contains(type)) {
      return;
    }
    if (UNSUPPORTED.contains(operation)) {
      String message =
          operation + " is not supported by this server; use $lookup or $validate-code";
      throw new MethodNotAllowedException(
          message, SecurityResponses.outcome(IssueType.NOTSUPPORTED, message));
    }
    IBaseResource body = request.getResource();
    if (body == null) {
      return;
    }
    if (body instanceof Parameters parameters) {
      check(parameters.getParameter(), "Parameters.parameter");
    } else if (!body.fhirType().equals(type)) {
      throw invalid(
          null, "the body of " + type + "/" + operation + " must be Parameters or a " + type);
    }
  }

  private static void check(List<ParametersParameterComponent> parameters, String path) {
    for (int i = 0; i < parameters.size(); i++) {
      ParametersParameterComponent parameter = parameters.get(i);
      String where = path + "[" + i + "]";
      String name = parameter.getName();
      if (name == null || name.isBlank()) {
        throw invalid(where, "a parameter without a name");
      }
      String expected = RESOURCE_PARAMETERS.get(name);
      IBaseResource resource = parameter.getResource();
      if (resource != null && !resource.fhirType().equals(expected)) {
        throw invalid(
            where + ".resource",
            "parameter '"
                + name
                + "' "
                + (expected == null ? "takes no resource" : "must be a " + expected));
      }
      if (expected != null && resource == null) {
        throw invalid(where, "parameter '" + name + "' must be a " + expected + " resource");
      }
      check(parameter.getPart(), where + ".part");
    }
  }

  private static InvalidRequestException invalid(String where, String message) {
    OperationOutcome outcome = SecurityResponses.outcome(IssueType.INVALID, message);
    if (where != null) {
      outcome.getIssueFirstRep().addExpression(where);
    }
    return new InvalidRequestException(message, outcome);
  }
}
