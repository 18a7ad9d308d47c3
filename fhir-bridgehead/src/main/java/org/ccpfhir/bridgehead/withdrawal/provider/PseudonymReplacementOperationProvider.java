package org.ccpfhir.bridgehead.withdrawal.provider;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalCascade;
import org.ccpfhir.bridgehead.withdrawal.persistence.PseudonymReplacements;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The CCP applications' part of a withdrawal (CCP-IT §6.5: "in den Datensätzen der CCP-Anwendungen
 * die anwendungsspezifischen IDs des Patienten jeweils durch ein zufälliges Pseudonym ersetzt"):
 * {@code $pseudonym-replacements} answers an application the unconfirmed replacements of the
 * domains it was granted (its token's domains, e.g. {@code RPB-L} → this site's {@code RPB-HD-L}) —
 * action {@code replace} with the retired and the random pseudonym, or {@code delete} with the
 * retired one — and {@code $pseudonym-replacement-confirm} records that it did so; the values are
 * deleted then and the withdrawal's component of that application turns confirmed. Applications
 * poll: nothing calls them. Another domain's row does not exist for it.
 */
public class PseudonymReplacementOperationProvider implements FhirProvider {

  private static final Pattern GRANTED = Pattern.compile("([A-Z][A-Z0-9]{1,9})-([LG])");

  private final PseudonymReplacements replacements;
  private final WithdrawalRepository withdrawals;
  private final String site;
  private final DecisionAuditor auditor;

  public PseudonymReplacementOperationProvider(
      PseudonymReplacements replacements,
      WithdrawalRepository withdrawals,
      String site,
      DecisionAuditor auditor) {
    this.replacements = replacements;
    this.withdrawals = withdrawals;
    this.site = site;
    this.auditor = auditor;
  }

  @Operation(name = "$pseudonym-replacements", idempotent = true)
  public Parameters pending() {
    Parameters output = new Parameters();
    for (PseudonymReplacements.Replacement r : replacements.pending(domains(application()))) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName("replacement");
      part.addPart().setName("id").setValue(new StringType(r.id()));
      part.addPart().setName("domain").setValue(new StringType(r.domain()));
      part.addPart().setName("action").setValue(new CodeType(r.action()));
      part.addPart().setName("retired").setValue(new StringType(r.retired()));
      if (r.replacement() != null) {
        part.addPart().setName("replacement").setValue(new StringType(r.replacement()));
      }
      part.addPart().setName("issued").setValue(new InstantType(new Date(r.createdMs())));
    }
    return output;
  }

  @Operation(name = "$pseudonym-replacement-confirm", idempotent = false)
  public Parameters confirm(
      @OperationParam(name = "replacement", min = 1, max = 1) StringType replacement) {
    if (replacement == null || !replacement.hasValue() || replacement.getValue().length() > 64) {
      throw new InvalidRequestException("parameter 'replacement' (a replacement id) is required");
    }
    Caller application = application();
    PseudonymReplacements.Replacement done =
        replacements
            .confirm(replacement.getValue(), domains(application), application.id())
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "parameter 'replacement': none of this application's domains"));
    if (replacements.allConfirmed(done.withdrawalId(), done.domain())) {
      withdrawals.component(
          done.withdrawalId(),
          WithdrawalCascade.APPLICATION_COMPONENT + done.domain(),
          WithdrawalCascade.CONFIRMED,
          done.action() + " confirmed by " + application.id());
    }
    auditor.record(
        "withdrawal",
        "U",
        "Task/" + done.withdrawalId(),
        200,
        "application " + application.id() + " confirmed " + done.action() + " in " + done.domain());
    Parameters output = new Parameters();
    output.addParameter().setName("replacement").setValue(new StringType(done.id()));
    output.addParameter().setName("action").setValue(new CodeType(done.action()));
    output
        .addParameter()
        .setName("confirmed")
        .setValue(new InstantType(new Date(done.confirmedMs())));
    return output;
  }

  private static Caller application() {
    return Caller.current()
        .filter(c -> c.hasRole(Roles.APPLICATION))
        .orElseThrow(() -> new ForbiddenOperationException("only a CCP application may call"));
  }

  /** The site's domains an application was granted (BK and MDS are no application's). */
  private List<String> domains(Caller application) {
    return application.domains().stream()
        .map(GRANTED::matcher)
        .filter(Matcher::matches)
        .filter(m -> !m.group(1).equals("BK") && !m.group(1).equals("MDS"))
        .map(m -> m.group(1) + "-" + site + "-" + m.group(2))
        .toList();
  }
}
