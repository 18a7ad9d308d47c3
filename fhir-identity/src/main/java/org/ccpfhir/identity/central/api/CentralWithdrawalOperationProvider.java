package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Map;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [central-list]/fhir/$withdraw-identity}: a site withdraws a person by its global
 * pseudonym. Both modes drop the person's control numbers and links here; every pseudonym of the
 * person is retired and never issued again. Its global project pseudonyms are retired too — on
 * anonymisation each gets a random replacement (in the answer) for the CCP application to put in
 * its place. The answer is the confirmation the site's withdrawal Task waits for.
 */
public class CentralWithdrawalOperationProvider implements FhirProvider {

  private final CentralPatientList list;
  private final ProjectPseudonyms projects;
  private final ReEncryption reEncryption;

  public CentralWithdrawalOperationProvider(
      CentralPatientList list, ProjectPseudonyms projects, ReEncryption reEncryption) {
    this.list = list;
    this.projects = projects;
    this.reEncryption = reEncryption;
  }

  @Operation(name = "$withdraw-identity", idempotent = false)
  public Parameters withdraw(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "mode", min = 0, max = 1) CodeType mode) {
    if (pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameter 'pseudonym' is required");
    }
    String chosen = mode == null ? "anonymise" : mode.getValue();
    if (!"delete".equals(chosen) && !"anonymise".equals(chosen)) {
      throw new InvalidRequestException("parameter 'mode' must be 'delete' or 'anonymise'");
    }
    String site = SiteCaller.site();
    Map<String, String> replaced =
        list.personOf(site, pseudonym.getValue())
            .map(
                person -> {
                  // the person's target pseudonyms (e.g. its MDS*G-ID) must lead to no one
                  reEncryption.forget(ReencryptOperationProvider.source(person));
                  return projects.withdraw(
                      ProjectPseudonymOperationProvider.owner(person), chosen.equals("anonymise"));
                })
            .orElse(Map.of());
    int retired =
        list.withdraw(site, pseudonym.getValue())
            .orElseThrow(
                () ->
                    new UnprocessableEntityException(
                        "the pseudonym is not a global pseudonym of site " + site));
    Parameters output = new Parameters();
    output.addParameter().setName("mode").setValue(new CodeType(chosen));
    output
        .addParameter()
        .setName("retiredPseudonyms")
        .setValue(new IntegerType(retired + replaced.size()));
    // anonymisation: the CCP applications put these random values in place of the retired ones
    replaced.forEach(
        (old, replacement) -> {
          if (replacement != null) {
            Parameters.ParametersParameterComponent part =
                output.addParameter().setName("replacedProjectPseudonym");
            part.addPart().setName("retired").setValue(new StringType(old));
            part.addPart().setName("replacement").setValue(new StringType(replacement));
          }
        });
    return output;
  }
}
