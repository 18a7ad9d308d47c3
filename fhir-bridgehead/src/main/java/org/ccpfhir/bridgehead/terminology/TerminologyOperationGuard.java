package org.ccpfhir.bridgehead.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/**
 * Checks the input of HAPI's terminology operations before they run. HAPI's JPA providers cast a
 * body to the type they expect without checking it (a ClassCastException, a 500): a body that is
 * not Parameters must be of the operation's own resource type, else 400; the Parameters of a body
 * are {@link org.ccpfhir.bridgehead.fhir.ParametersGuard}'s (resource parameters of their declared
 * type), which runs after this guard. {@code $subsumes} is refused (405): HAPI answers it only from
 * a Hibernate Search index, which this store does not run (see README "Storage"), and nothing in
 * the platform uses it. {@code $expand} and {@code $validate-code} of the ValueSets defined by a
 * code pattern over a catalogue that is not shipped (ICD-10-GM chapter II, ICD-O-3 morphology and
 * topography) are refused with 400 {@code not-supported}: the store serves them but cannot expand
 * them (HAPI would answer 500); the ingest validation checks codes against them.
 */
@Component
@Interceptor
public class TerminologyOperationGuard implements FhirInterceptor {

  private static final List<String> TYPES = List.of("CodeSystem", "ValueSet", "ConceptMap");

  private static final List<String> UNSUPPORTED = List.of("$subsumes");

  private static final List<String> EXPANDING = List.of("$expand", "$validate-code");

  /** Canonical URLs and ids of the pattern-defined ValueSets (never expandable here). */
  private final Set<String> patternDefined = new HashSet<>();

  public TerminologyOperationGuard() {
    CcpTerminology terminology = CcpTerminology.get();
    for (ValueSet valueSet : terminology.valueSets()) {
      if (TerminologyStoreLoader.patternDefined(valueSet, terminology)) {
        patternDefined.add(valueSet.getUrl());
        patternDefined.add(valueSet.getIdElement().getIdPart());
      }
    }
  }

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
    if (type.equals("ValueSet") && EXPANDING.contains(operation)) {
      refusePatternDefined(request, operation);
    }
    IBaseResource body = request.getResource();
    if (body != null && !(body instanceof Parameters) && !body.fhirType().equals(type)) {
      String message = "the body of " + type + "/" + operation + " must be Parameters or a " + type;
      throw new InvalidRequestException(
          message, SecurityResponses.outcome(IssueType.INVALID, message));
    }
  }

  private void refusePatternDefined(RequestDetails request, String operation) {
    List<String> named = new ArrayList<>();
    if (request.getId() != null && request.getId().hasIdPart()) {
      named.add(request.getId().getIdPart());
    }
    String[] urls = request.getParameters().get("url");
    if (urls != null) {
      named.addAll(Arrays.asList(urls));
    }
    if (request.getResource() instanceof Parameters parameters) {
      parameters.getParameter().stream()
          .filter(p -> "url".equals(p.getName()) && p.getValue() != null)
          .forEach(p -> named.add(p.getValue().primitiveValue()));
    }
    for (String name : named) {
      String canonical = name == null ? null : name.split("\\|", 2)[0];
      if (canonical != null && patternDefined.contains(canonical)) {
        String message =
            "ValueSet "
                + canonical
                + " is defined by a code pattern over a catalogue this server does not hold;"
                + " it cannot be used with "
                + operation;
        throw new InvalidRequestException(
            message, SecurityResponses.outcome(IssueType.NOTSUPPORTED, message));
      }
    }
  }
}
