package org.ccpfhir.identity.central.api;

import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.CASE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.CODE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.COMPLETED;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.CONFIRMED;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.CONFIRMED_STATE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.DEADLINE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.DELIVERED;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.DELIVERED_STATE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.DOMAIN;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.DONE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.ID;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.ISSUED;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.ISSUED_STATE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.MAX_DETAIL;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.MODE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.NOTICE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.NOT_HELD;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.OUTCOME;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.PSEUDONYM;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.REPLACED_PROJECT_PSEUDONYM;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.REPLACEMENT;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.RETIRED;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.SITE;
import static org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract.STATE;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Date;
import java.util.List;
import org.ccpfhir.identity.central.WithdrawalCases;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The informed sites' side of a withdrawal (CCP-IT §6.5, {@code WithdrawalNoticeContract}): {@code
 * $withdrawal-notices} answers the calling site its unconfirmed notices — each with the site's own
 * retired global pseudonym, so the site can find its patient; never another site's — and {@code
 * $withdrawal-notice-confirm} records the site's confirmation. The site is the one its certificate
 * names; a notice of another site does not exist for it. {@code $withdrawal-case} shows the site
 * that received a withdrawal how far every informed site is. Both calls are audited with the notice
 * and case ids and the outcome, never a pseudonym; the site's own account of what it did (counts)
 * is stored with the notice, not copied into the audit trail.
 */
public class WithdrawalNoticeOperationProvider implements FhirProvider {

  private final WithdrawalCases cases;

  public WithdrawalNoticeOperationProvider(WithdrawalCases cases) {
    this.cases = cases;
  }

  @Operation(name = "$withdrawal-notices", idempotent = true)
  public Parameters notices(HttpServletRequest request) {
    String site = SiteCaller.site();
    List<WithdrawalCases.Notice> pending = cases.pending(site);
    Parameters output = new Parameters();
    for (WithdrawalCases.Notice notice : pending) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName(NOTICE);
      part.addPart().setName(ID).setValue(new StringType(notice.id()));
      part.addPart().setName(CASE).setValue(new StringType(notice.caseId()));
      part.addPart().setName(MODE).setValue(new CodeType(notice.mode()));
      part.addPart().setName(PSEUDONYM).setValue(new StringType(notice.pseudonym()));
      part.addPart().setName(ISSUED).setValue(new InstantType(new Date(notice.issuedMs())));
      part.addPart().setName(DEADLINE).setValue(new DateType(notice.deadline().toString()));
      for (WithdrawalCases.ProjectReplacement r : notice.replacements()) {
        Parameters.ParametersParameterComponent replaced =
            part.addPart().setName(REPLACED_PROJECT_PSEUDONYM);
        replaced.addPart().setName(DOMAIN).setValue(new StringType(r.domain()));
        replaced.addPart().setName(RETIRED).setValue(new StringType(r.retired()));
        if (r.replacement() != null) {
          replaced.addPart().setName(REPLACEMENT).setValue(new StringType(r.replacement()));
        }
      }
    }
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "withdrawal notices delivered to site "
            + site
            + ": "
            + pending.stream().map(WithdrawalCases.Notice::id).toList());
    return output;
  }

  /** The informed sites' states of a case, for the site that opened it (else unknown: 404). */
  @Operation(name = "$withdrawal-case", idempotent = true)
  public Parameters withdrawalCase(
      @OperationParam(name = "case", min = 1, max = 1) StringType caseId,
      HttpServletRequest request) {
    if (caseId == null || !caseId.hasValue() || caseId.getValue().length() > 64) {
      throw new InvalidRequestException("parameter 'case' (a case id) is required");
    }
    String site = SiteCaller.site();
    WithdrawalCases.Case found =
        cases
            .find(caseId.getValue())
            .filter(c -> c.site().equals(site))
            .orElseThrow(
                () -> new ResourceNotFoundException("parameter 'case': no case of site " + site));
    Parameters output = new Parameters();
    output.addParameter().setName(CASE).setValue(new StringType(found.id()));
    output.addParameter().setName(MODE).setValue(new CodeType(found.mode()));
    output.addParameter().setName(ISSUED).setValue(new InstantType(new Date(found.receivedMs())));
    output.addParameter().setName(DEADLINE).setValue(new DateType(found.deadline().toString()));
    if (found.completedMs() != null) {
      output
          .addParameter()
          .setName(COMPLETED)
          .setValue(new InstantType(new Date(found.completedMs())));
    }
    for (WithdrawalCases.Notice notice : cases.noticesOf(found.id())) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName(SITE);
      part.addPart().setName(CODE).setValue(new CodeType(notice.site()));
      part.addPart()
          .setName(STATE)
          .setValue(
              new CodeType(
                  notice.confirmed()
                      ? CONFIRMED_STATE
                      : notice.deliveredMs() != null ? DELIVERED_STATE : ISSUED_STATE));
      if (notice.deliveredMs() != null) {
        part.addPart().setName(DELIVERED).setValue(new InstantType(new Date(notice.deliveredMs())));
      }
      if (notice.confirmed()) {
        part.addPart().setName(CONFIRMED).setValue(new InstantType(new Date(notice.confirmedMs())));
        part.addPart().setName(OUTCOME).setValue(new CodeType(notice.outcome()));
      }
    }
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE, "withdrawal case " + found.id() + " read by site " + site);
    return output;
  }

  @Operation(name = "$withdrawal-notice-confirm", idempotent = false)
  public Parameters confirm(
      @OperationParam(name = "notice", min = 1, max = 1) StringType notice,
      @OperationParam(name = "outcome", min = 1, max = 1) CodeType outcome,
      @OperationParam(name = "detail", min = 0, max = 1) StringType detail,
      HttpServletRequest request) {
    if (notice == null || !notice.hasValue() || notice.getValue().length() > 64) {
      throw new InvalidRequestException("parameter 'notice' (a notice id) is required");
    }
    String result = outcome == null ? null : outcome.getValue();
    if (!DONE.equals(result) && !NOT_HELD.equals(result)) {
      throw new InvalidRequestException(
          "parameter 'outcome' must be '" + DONE + "' or '" + NOT_HELD + "'");
    }
    String text = detail == null || !detail.hasValue() ? null : detail.getValue();
    if (text != null && text.length() > MAX_DETAIL) {
      throw new InvalidRequestException(
          "parameter 'detail' is longer than " + MAX_DETAIL + " characters");
    }
    String site = SiteCaller.site();
    WithdrawalCases.Notice stored =
        cases
            .confirm(site, notice.getValue(), result, text)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException("parameter 'notice': no notice of site " + site));
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "withdrawal notice "
            + stored.id()
            + " of case "
            + stored.caseId()
            + " confirmed by site "
            + site
            + ": "
            + stored.outcome());
    Parameters output = new Parameters();
    output.addParameter().setName(NOTICE).setValue(new StringType(stored.id()));
    output.addParameter().setName(OUTCOME).setValue(new CodeType(stored.outcome()));
    output
        .addParameter()
        .setName(CONFIRMED)
        .setValue(new InstantType(new Date(stored.confirmedMs())));
    return output;
  }
}
