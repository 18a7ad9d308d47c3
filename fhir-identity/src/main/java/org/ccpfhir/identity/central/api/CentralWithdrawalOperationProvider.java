package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.central.WithdrawalCases;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [central-list]/fhir/$withdraw-identity}: a site withdraws a person by its global
 * pseudonym. Both modes drop the person's control numbers and links here; every pseudonym of the
 * person is retired and never issued again. Its global project pseudonyms are retired too — on
 * anonymisation each gets a random replacement for the CCP application to put in its place: the
 * calling site's domains in the answer, every other site's with that site's notice. Every other
 * site holding a global pseudonym of the person gets a notice (CCP-IT §6.5: "Der Betreiber der
 * zentralen Patientenliste informiert wiederum alle Standorte"), kept under a case opened before
 * anything is deleted, so a retry after a failure finds the same case and no notice is lost or
 * doubled. The answer is the confirmation the site's withdrawal Task waits for; a repeated call
 * after success (an answer lost on the way) answers the same case again.
 */
public class CentralWithdrawalOperationProvider implements FhirProvider {

  private final CentralPatientList list;
  private final ProjectPseudonyms projects;
  private final ReEncryption reEncryption;
  private final WithdrawalCases cases;

  public CentralWithdrawalOperationProvider(
      CentralPatientList list,
      ProjectPseudonyms projects,
      ReEncryption reEncryption,
      WithdrawalCases cases) {
    this.list = list;
    this.projects = projects;
    this.reEncryption = reEncryption;
    this.cases = cases;
  }

  /** Serialised: two calls for one pseudonym must not both open a case. */
  @Operation(name = "$withdraw-identity", idempotent = false)
  public synchronized Parameters withdraw(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "mode", min = 0, max = 1) CodeType mode,
      HttpServletRequest request) {
    if (pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameter 'pseudonym' is required");
    }
    String chosen = mode == null || !mode.hasValue() ? "anonymise" : mode.getValue();
    if (!"delete".equals(chosen) && !"anonymise".equals(chosen)) {
      throw new InvalidRequestException("parameter 'mode' must be 'delete' or 'anonymise'");
    }
    String site = SiteCaller.site();
    String value = pseudonym.getValue();
    Optional<Long> person = list.personOf(site, value);
    if (person.isEmpty()) {
      WithdrawalCases.Case earlier =
          cases
              .caseFor(site, value)
              .filter(c -> c.completedMs() != null)
              .orElseThrow(
                  () ->
                      new UnprocessableEntityException(
                          "the pseudonym is not a global pseudonym of site " + site));
      request.setAttribute(
          AuditEntry.DETAIL_ATTRIBUTE, "withdrawal case " + earlier.id() + " answered again");
      return answer(earlier, cases.noticesOf(earlier.id()).size(), true, List.of());
    }
    WithdrawalCases.Case opened =
        cases
            .caseFor(site, value)
            .orElseGet(
                () ->
                    cases.open(
                        site,
                        value,
                        chosen,
                        list.holdersOf(person.get()).stream()
                            .filter(h -> !(h.site().equals(site) && h.pseudonym().equals(value)))
                            .toList()));
    // the person's target pseudonyms (e.g. its MDS*G-ID) must lead to no one
    reEncryption.forget(ReencryptOperationProvider.source(person.get()));
    String owner = ProjectPseudonymOperationProvider.owner(person.get());
    Map<String, String> domains = projects.of(owner);
    Map<String, String> replaced = projects.withdraw(owner, opened.mode().equals("anonymise"));
    List<WithdrawalCases.ProjectReplacement> applications = new ArrayList<>();
    domains.forEach(
        (domain, old) ->
            applications.add(
                new WithdrawalCases.ProjectReplacement(domain, old, replaced.get(old))));
    // each site's CCP applications learn only their own domains: the others' go with the notices
    cases.attach(opened.id(), applications);
    int retired =
        list.withdraw(site, value)
            .orElseThrow(
                () ->
                    new UnprocessableEntityException(
                        "the pseudonym is not a global pseudonym of site " + site));
    cases.completed(opened.id(), retired + replaced.size());
    int informed = cases.noticesOf(opened.id()).size();
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "withdrawal case "
            + opened.id()
            + ": "
            + opened.mode()
            + ", "
            + (retired + replaced.size())
            + " pseudonyms retired, "
            + informed
            + " notices to other sites");
    return answer(
        cases.find(opened.id()).orElseThrow(),
        informed,
        false,
        applications.stream().filter(r -> site.equals(r.site())).toList());
  }

  private static Parameters answer(
      WithdrawalCases.Case done,
      int informed,
      boolean replayed,
      List<WithdrawalCases.ProjectReplacement> own) {
    Parameters output = new Parameters();
    output.addParameter().setName("mode").setValue(new CodeType(done.mode()));
    output
        .addParameter()
        .setName("retiredPseudonyms")
        .setValue(new IntegerType(done.retired() == null ? 0 : done.retired()));
    output.addParameter().setName("case").setValue(new StringType(done.id()));
    output.addParameter().setName("informedSites").setValue(new IntegerType(informed));
    if (replayed) {
      output.addParameter().setName("replayed").setValue(new BooleanType(true));
    }
    // the calling site's CCP applications: anonymisation — put the random value in place of the
    // retired one; deletion (no replacement) — delete the records under the retired one
    for (WithdrawalCases.ProjectReplacement r : own) {
      Parameters.ParametersParameterComponent part =
          output.addParameter().setName("replacedProjectPseudonym");
      part.addPart().setName("domain").setValue(new StringType(r.domain()));
      part.addPart().setName("retired").setValue(new StringType(r.retired()));
      if (r.replacement() != null) {
        part.addPart().setName("replacement").setValue(new StringType(r.replacement()));
      }
    }
    return output;
  }
}
