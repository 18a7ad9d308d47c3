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
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$pseudonymize} (OperationDefinition in the profiles module). BK-L: the site's
 * local pseudonym from its local patient list. BK-G: the site's global pseudonym through the
 * control-number generator and the central patient list, only for patients whose network consent is
 * recorded. The answer never tells whether the person was known; it says local or global. A data
 * manager's person in BK-L also gets a Patient in the store (part {@code patient}), so that its
 * consent can be recorded in the consent page. With several persons, one that fails gives an {@code
 * error} part (as gPAS does) and the rest go on.
 */
@Component
public class PseudonymizeOperationProvider implements FhirProvider {

  private final PseudonymService pseudonyms;
  private final PseudonymPatients patients;

  public PseudonymizeOperationProvider(PseudonymService pseudonyms, PseudonymPatients patients) {
    this.pseudonyms = pseudonyms;
    this.patients = patients;
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
        if (registersPatient(target, people.get(i))) {
          // a data manager's person (the page) gets a Patient, so its consent can be recorded
          String id = patients.ensure(pseudonym, people.get(i));
          part.addPart().setName("patient").setValue(new Reference("Patient/" + id));
        }
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

  /** A person named by a data manager in the site's own local domain; applications ingest. */
  private static boolean registersPatient(String target, Idat person) {
    return target.equals("BK-L")
        && person != null
        && Caller.current().map(c -> c.hasRole(Roles.DATA_MANAGER)).orElse(false)
        && !Caller.current().map(c -> c.hasRole(Roles.APPLICATION)).orElse(false);
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
