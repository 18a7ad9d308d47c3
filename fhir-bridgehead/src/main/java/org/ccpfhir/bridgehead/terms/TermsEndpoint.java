package org.ccpfhir.bridgehead.terms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ccp/terms}: the terms of use in force for the caller (version, text, the note that
 * accesses are logged, whether the caller must accept and has); {@code POST /ccp/terms} with a
 * Parameters {@code version}: accepts them. The two calls a user can make before accepting.
 */
@RestController
public class TermsEndpoint {

  public static final String PATH = "/ccp/terms";

  private final TermsOfUse terms;
  private final FhirContext fhir;

  public TermsEndpoint(TermsOfUse terms, FhirContext fhir) {
    this.terms = terms;
    this.fhir = fhir;
  }

  @GetMapping(path = PATH, produces = "application/fhir+json")
  public ResponseEntity<String> show() {
    Caller caller = Caller.current().orElseThrow();
    return SecurityResponses.answer(HttpStatus.OK, state(caller));
  }

  @PostMapping(path = PATH, produces = "application/fhir+json")
  public ResponseEntity<String> accept(@RequestBody(required = false) String body) {
    Caller caller = Caller.current().orElseThrow();
    String version;
    try {
      version = version(body);
    } catch (DataFormatException | ClassCastException e) {
      return SecurityResponses.refusal(
          HttpStatus.BAD_REQUEST,
          IssueType.STRUCTURE,
          "body: a Parameters resource with the parameter 'version' (string) is expected");
    }
    if (version == null || version.isBlank()) {
      return SecurityResponses.refusal(
          HttpStatus.BAD_REQUEST,
          IssueType.REQUIRED,
          "Parameters.parameter 'version': the version of the terms being accepted is required");
    }
    return switch (terms.accept(caller, version)) {
      case OTHER_VERSION ->
          SecurityResponses.refusal(
              HttpStatus.CONFLICT,
              IssueType.CONFLICT,
              "Parameters.parameter 'version': the terms of use in force are version "
                  + terms.version()
                  + ", not the one accepted; read GET "
                  + PATH
                  + " again");
      case NOT_REQUIRED ->
          SecurityResponses.refusal(
              HttpStatus.UNPROCESSABLE_ENTITY,
              IssueType.NOTSUPPORTED,
              "applications and components do not accept terms of use; only users do");
      case RECORDED, ALREADY_ACCEPTED -> SecurityResponses.answer(HttpStatus.OK, state(caller));
    };
  }

  private Parameters state(Caller caller) {
    Parameters parameters = new Parameters();
    parameters.addParameter("version", new StringType(terms.version()));
    parameters.addParameter("text", new StringType(terms.text()));
    parameters.addParameter("note", new StringType(TermsOfUse.LOGGING_NOTE));
    parameters.addParameter("required", new BooleanType(terms.applies(caller)));
    parameters.addParameter("accepted", new BooleanType(terms.accepted(caller)));
    return parameters;
  }

  private String version(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    IBaseResource parsed = fhir.newJsonParser().parseResource(body);
    Parameters parameters = (Parameters) parsed;
    // not Parameters.getParameter(name): it fails on a parameter without a name
    return parameters.getParameter().stream()
        .filter(p -> "version".equals(p.getName()) && p.getValue() != null)
        .map(p -> p.getValue().primitiveValue())
        .findFirst()
        .orElse(null);
  }
}
