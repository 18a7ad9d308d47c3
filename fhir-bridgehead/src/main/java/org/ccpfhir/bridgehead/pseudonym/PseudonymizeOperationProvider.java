package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.ccpfhir.identity.fhir.IdatParameters;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$pseudonymize} (OperationDefinition in the profiles module): local pseudonyms
 * (domain BK-L) from the site's local patient list. The answer never tells whether the person was
 * known. Global and project domains need the central patient list (next step).
 */
@Component
public class PseudonymizeOperationProvider {

  static final String SYSTEM_BASE = "https://ccp-fhir.org/fhir/sid/pseudonym/";

  private final LocalPatientList localPatientList;
  private final LocalPatientListProperties properties;

  public PseudonymizeOperationProvider(
      LocalPatientList localPatientList, LocalPatientListProperties properties) {
    this.localPatientList = localPatientList;
    this.properties = properties;
  }

  @Operation(name = "$pseudonymize", idempotent = false)
  public Parameters pseudonymize(@ResourceParam Parameters input) {
    if (input == null) {
      throw new InvalidRequestException("the body must be a Parameters resource");
    }
    String target =
        input.getParameter("target") == null
            ? null
            : input.getParameter("target").getValue().primitiveValue();
    if (target == null) {
      throw new InvalidRequestException("parameter 'target' is required (e.g. BK-L)");
    }
    checkDomainAllowed(target);
    if (!target.equals("BK-L")) {
      throw new UnprocessableEntityException(
          "target '"
              + target
              + "' is not served here yet: this bridgehead issues local (BK-L)"
              + " pseudonyms; global and project domains need the central patient list");
    }
    List<EpiLinkMatcher.Record> people = IdatParameters.read(input);
    Parameters output = new Parameters();
    for (EpiLinkMatcher.Record person : people) {
      String value = localPatientList.pseudonymize(person).bkLocalId();
      Parameters.ParametersParameterComponent part = output.addParameter().setName("pseudonym");
      part.addPart().setName("target").setValue(new StringType(target));
      part.addPart()
          .setName("pseudonym")
          .setValue(
              new Identifier().setSystem(SYSTEM_BASE + properties.localDomain()).setValue(value));
      part.addPart().setName("scope").setValue(new CodeType("local"));
    }
    return output;
  }

  /** Applications only use their granted domains; data managers the local domain. */
  private static void checkDomainAllowed(String target) {
    Caller caller =
        Caller.current().orElseThrow(() -> new ForbiddenOperationException("no caller"));
    boolean allowed =
        caller.hasRole(Roles.APPLICATION)
            ? caller.domains().contains(target)
            : caller.hasRole(Roles.DATA_MANAGER) && target.equals("BK-L");
    if (!allowed) {
      throw new ForbiddenOperationException(
          "caller " + caller.id() + " may not use the pseudonym domain " + target);
    }
  }
}
