package org.ccpfhir.bridgehead.subjectaccess;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * {@code POST [base]/$access-request} and {@code GET [base]/$access-request-export}
 * (OperationDefinitions {@code access-request}, {@code access-request-export} in profiles; data
 * managers only, {@link AccessRequestAccessRules}). The request's AuditEvent names the case number
 * and what was found per component — never the pseudonym or identifying data.
 */
public class AccessRequestOperationProvider implements FhirProvider {

  private static final OperationParameters.Spec PARAMETERS =
      OperationParameters.of("$access-request").single("pseudonym");

  private final AccessRequestService service;
  private final String localSystem;

  public AccessRequestOperationProvider(AccessRequestService service, String localSystem) {
    this.service = service;
    this.localSystem = localSystem;
  }

  @Operation(name = "$access-request", idempotent = false)
  public Bundle accessRequest(@ResourceParam Parameters input, RequestDetails request) {
    String caller = Caller.current().map(Caller::id).orElse("unknown");
    AccessRequestService.Opened opened = service.open(pseudonym(input), caller);
    audit(request, "access request " + opened.caseNumber() + " opened: " + counts(opened.export()));
    return opened.export();
  }

  @Operation(name = "$access-request-export", idempotent = true)
  public IBaseResource export(
      @OperationParam(name = "case", min = 1, max = 1) StringType caseNumber,
      @OperationParam(name = "format", min = 0, max = 1) CodeType format,
      RequestDetails request) {
    if (caseNumber == null || !CaseNumbers.valid(caseNumber.getValue())) {
      throw new InvalidRequestException(
          "parameter 'case' must be a case number (AR- and 16 base32 characters)");
    }
    String as = format == null || !format.hasValue() ? "bundle" : format.getValue();
    if (!as.equals("bundle") && !as.equals("html")) {
      throw new InvalidRequestException("parameter 'format' must be 'bundle' or 'html'");
    }
    Bundle export = service.export(caseNumber.getValue());
    audit(request, "access request " + caseNumber.getValue() + " export as " + as);
    if (as.equals("bundle")) {
      return export;
    }
    Binary html = new Binary();
    html.setContentType("text/html");
    html.setData(AccessRequestHtml.render(export).getBytes(StandardCharsets.UTF_8));
    return html;
  }

  /** The BK-L-ID, as string or as Identifier of this site's local system. */
  private String pseudonym(Parameters input) {
    Type value = PARAMETERS.read(input).value("pseudonym", Type.class);
    if (value instanceof Identifier identifier
        && identifier.hasSystem()
        && !localSystem.equals(identifier.getSystem())) {
      throw new InvalidRequestException(
          "parameter 'pseudonym': the identifier system must be " + localSystem);
    }
    String pseudonym =
        value instanceof Identifier identifier
            ? identifier.getValue()
            : value == null ? null : value.primitiveValue();
    if (pseudonym == null || pseudonym.isBlank() || pseudonym.length() > 64) {
      throw new InvalidRequestException(
          "parameter 'pseudonym' is required: the patient's local pseudonym (BK-L-ID)");
    }
    return pseudonym.trim();
  }

  /** Status and entries per component, from the summary: codes and numbers only. */
  private static String counts(Bundle export) {
    Parameters summary = (Parameters) export.getEntryFirstRep().getResource();
    List<String> counts = new ArrayList<>();
    for (Parameters.ParametersParameterComponent component : summary.getParameters("component")) {
      counts.add(
          component.getPart().stream()
              .filter(part -> !part.getName().equals("note"))
              .map(part -> part.getValue().primitiveValue())
              .collect(Collectors.joining(" ")));
    }
    return String.join(", ", counts);
  }

  private static void audit(RequestDetails request, String detail) {
    if (request instanceof ServletRequestDetails servlet) {
      servlet.getServletRequest().setAttribute(AuditEntry.DETAIL_ATTRIBUTE, detail);
    }
  }
}
