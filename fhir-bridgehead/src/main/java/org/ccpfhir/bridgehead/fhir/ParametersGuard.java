package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.springframework.stereotype.Component;

/**
 * Checks the Parameters body of HAPI's own operations before they run: HAPI takes parameters by
 * name and casts them without checking their shape, so a malformed one was a 500 (found by the fuzz
 * runs). Every parameter must have a name; anything else is a 400 naming where ({@code
 * Parameters.parameter[i]…}), nothing run.
 *
 * <ul>
 *   <li>{@code $validate}: HAPI takes the last parameter named {@code resource} without checking
 *       that it carries one, and reads {@code mode} and {@code profile} as primitives (a nameless
 *       or valueless parameter beside the resource was a NullPointerException in the DAO's id
 *       check). Here {@code resource} must occur once with a resource, {@code mode} and {@code
 *       profile} must be primitive values.
 *   <li>The terminology operations on CodeSystem, ValueSet and ConceptMap: HAPI's JPA providers
 *       cast a resource parameter to the type they expect (a Patient as {@code valueSet} was a
 *       ClassCastException). Here {@code valueSet}, {@code codeSystem} and {@code conceptMap} must
 *       carry a resource of that type, no other parameter may carry one, also in parts.
 * </ul>
 *
 * What these operations refuse as such (e.g. {@code $subsumes}) is {@code
 * TerminologyOperationGuard}'s, which runs first.
 */
@Component
@Interceptor
public class ParametersGuard implements FhirInterceptor {

  /** After the hooks of default order (TerminologyOperationGuard refuses operations as such). */
  private static final int ORDER = 1;

  private static final Set<String> VALIDATE_PRIMITIVES = Set.of("mode", "profile");

  private static final Set<String> TERMINOLOGY_TYPES =
      Set.of("CodeSystem", "ValueSet", "ConceptMap");

  /** The resource parameters of the terminology operations and the type each one takes. */
  private static final Map<String, String> TERMINOLOGY_RESOURCES =
      Map.of(
          "valueSet", "ValueSet",
          "codeSystem", "CodeSystem",
          "conceptMap", "ConceptMap");

  private static final String PATH = "Parameters.parameter";

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
  public void checkParameters(RequestDetails request) {
    if (request.getOperation() == null
        || !(request.getResource() instanceof Parameters parameters)) {
      return;
    }
    if ("$validate".equals(request.getOperation())) {
      checkValidate(parameters.getParameter());
    } else if (request.getResourceName() != null // system level: Set.of(...).contains(null) throws
        && TERMINOLOGY_TYPES.contains(request.getResourceName())) {
      checkTerminology(parameters.getParameter(), PATH);
    }
  }

  private static void checkValidate(List<ParametersParameterComponent> parameters) {
    int resources = 0;
    for (int i = 0; i < parameters.size(); i++) {
      ParametersParameterComponent parameter = parameters.get(i);
      String where = PATH + "[" + i + "]";
      String name = nameOf(parameter, where);
      if (name.equals("resource")) {
        if (parameter.getResource() == null) {
          throw invalid(where, "parameter 'resource' must carry the resource to validate");
        }
        resources++;
      } else if (VALIDATE_PRIMITIVES.contains(name)
          && !(parameter.getValue() instanceof PrimitiveType<?> value && !value.isEmpty())) {
        throw invalid(where, "parameter '" + name + "' must be a code or uri value");
      }
    }
    if (resources > 1) {
      throw invalid(PATH, "parameter 'resource' may occur once");
    }
  }

  private static void checkTerminology(List<ParametersParameterComponent> parameters, String path) {
    for (int i = 0; i < parameters.size(); i++) {
      ParametersParameterComponent parameter = parameters.get(i);
      String where = path + "[" + i + "]";
      String name = nameOf(parameter, where);
      String expected = TERMINOLOGY_RESOURCES.get(name);
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
      checkTerminology(parameter.getPart(), where + ".part");
    }
  }

  private static String nameOf(ParametersParameterComponent parameter, String where) {
    String name = parameter.getName();
    if (name == null || name.isBlank()) {
      throw invalid(where, "a parameter without a name");
    }
    return name;
  }

  private static InvalidRequestException invalid(String where, String message) {
    OperationOutcome outcome = SecurityResponses.outcome(IssueType.INVALID, message);
    outcome.getIssueFirstRep().addExpression(where);
    return new InvalidRequestException(message, outcome);
  }
}
