package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.fhir.FhirProvider;
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
public class PseudonymizeOperationProvider implements FhirProvider {

  private final PseudonymService pseudonyms;

  public PseudonymizeOperationProvider(PseudonymService pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  @Operation(name = "$pseudonymize", idempotent = false)
  public Parameters pseudonymize(@ResourceParam Parameters input) {
    OperationParameters parameters = IdatParameters.PSEUDONYMIZE.read(input);
    String target = parameters.string("target");
    if (target == null) {
      throw parameters.invalid("target", "parameter 'target' is required (e.g. BK-L)");
    }
    if (!PseudonymService.isDomain(target)) {
      throw parameters.invalid(
          "target", "parameter 'target' must be a domain such as BK-L, BK-G, RPB-L or RPB-G");
    }
    checkDomainAllowed(target);
    List<String> originals = parameters.strings("original");
    List<Idat> people =
        originals.isEmpty()
            ? IdatParameters.read(parameters)
            : java.util.Collections.nCopies(originals.size(), null);
    Parameters output = new Parameters();
    for (int i = 0; i < people.size(); i++) {
      try {
        Identifier pseudonym =
            pseudonyms.pseudonymize(
                target, people.get(i), originals.isEmpty() ? null : originals.get(i));
        Parameters.ParametersParameterComponent part = output.addParameter().setName("pseudonym");
        part.addPart().setName("target").setValue(new StringType(target));
        part.addPart().setName("pseudonym").setValue(pseudonym);
        part.addPart()
            .setName("scope")
            .setValue(new CodeType(target.endsWith("-L") ? "local" : "global"));
      } catch (BaseServerResponseException e) {
        if (people.size() == 1) {
          throw e;
        }
        output.addParameter(error(target, i, e));
      }
    }
    return output;
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

  /** Applications only use their granted domains; data managers every domain of the site. */
  private static void checkDomainAllowed(String target) {
    Caller caller =
        Caller.current().orElseThrow(() -> new ForbiddenOperationException("no caller"));
    boolean allowed =
        caller.hasRole(Roles.APPLICATION)
            ? caller.domains().contains(target)
            : caller.hasRole(Roles.DATA_MANAGER);
    if (!allowed) {
      throw new ForbiddenOperationException(
          "caller " + caller.id() + " may not use the pseudonym domain " + target);
    }
  }
}
