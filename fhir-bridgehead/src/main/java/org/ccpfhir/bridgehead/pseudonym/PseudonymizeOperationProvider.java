package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.identity.fhir.IdatParameters;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$pseudonymize} (OperationDefinition in the profiles module). BK-L: the site's
 * local pseudonym from its local patient list. BK-G: the site's global pseudonym through the
 * control-number generator and the central patient list, only for patients whose network consent is
 * recorded. The answer never tells whether the person was known; it says local or global. With
 * several persons, one that fails gives an {@code error} part (as gPAS does) and the rest go on.
 */
@Component
public class PseudonymizeOperationProvider {

  private static final List<String> SERVED = List.of("BK-L", "BK-G");

  private final LocalPatientList localPatientList;
  private final LocalPatientListProperties properties;
  private final NetworkConsent consent;
  private final GlobalPseudonymClient global;

  public PseudonymizeOperationProvider(
      LocalPatientList localPatientList,
      LocalPatientListProperties properties,
      NetworkConsent consent,
      GlobalPseudonymClient global) {
    this.localPatientList = localPatientList;
    this.properties = properties;
    this.consent = consent;
    this.global = global;
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
    if (!SERVED.contains(target)) {
      throw new UnprocessableEntityException(
          "target '" + target + "' is not served: this bridgehead issues " + SERVED);
    }
    List<EpiLinkMatcher.Record> people = IdatParameters.read(input);
    Parameters output = new Parameters();
    for (int i = 0; i < people.size(); i++) {
      try {
        Identifier pseudonym = pseudonym(target, people.get(i));
        Parameters.ParametersParameterComponent part = output.addParameter().setName("pseudonym");
        part.addPart().setName("target").setValue(new StringType(target));
        part.addPart().setName("pseudonym").setValue(pseudonym);
        part.addPart()
            .setName("scope")
            .setValue(new CodeType(target.equals("BK-L") ? "local" : "global"));
      } catch (BaseServerResponseException e) {
        if (people.size() == 1) {
          throw e;
        }
        output.addParameter(error(target, i, e));
      }
    }
    return output;
  }

  private Identifier pseudonym(String target, EpiLinkMatcher.Record person) {
    String local = localPatientList.pseudonymize(person).bkLocalId();
    String localSystem = PseudonymSystems.of(properties.localDomain());
    if (target.equals("BK-L")) {
      return new Identifier().setSystem(localSystem).setValue(local);
    }
    if (!consent.allowsGlobal(localSystem, local)) {
      throw new UnprocessableEntityException(
          "no active network consent is recorded for this patient: a global pseudonym needs"
              + " one (Consent with policyRule "
              + NetworkConsent.POLICY_SYSTEM
              + "|"
              + NetworkConsent.NETWORK
              + ")");
    }
    return global.pseudonymize(person);
  }

  private static Parameters.ParametersParameterComponent error(
      String target, int index, BaseServerResponseException e) {
    Parameters.ParametersParameterComponent part = new Parameters.ParametersParameterComponent();
    part.setName("error");
    part.addPart().setName("target").setValue(new StringType(target));
    part.addPart().setName("index").setValue(new IntegerType(index));
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.PROCESSING)
        .setDiagnostics(e.getMessage());
    part.addPart().setName("outcome").setResource(outcome);
    return part;
  }

  /** Applications only use their granted domains; data managers the site's BK domains. */
  private static void checkDomainAllowed(String target) {
    Caller caller =
        Caller.current().orElseThrow(() -> new ForbiddenOperationException("no caller"));
    boolean allowed =
        caller.hasRole(Roles.APPLICATION)
            ? caller.domains().contains(target)
            : caller.hasRole(Roles.DATA_MANAGER) && SERVED.contains(target);
    if (!allowed) {
      throw new ForbiddenOperationException(
          "caller " + caller.id() + " may not use the pseudonym domain " + target);
    }
  }
}
