package org.ccpfhir.bridgehead.withdrawal.provider;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalReport;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalService;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code POST [base]/$withdraw} starts a withdrawal and answers its Task; {@code
 * [base]/$withdraw-status} follows one ({@code task}) or lists the latest (OperationDefinitions
 * {@code withdraw} and {@code withdraw-status} in profiles); {@code $withdraw-components} shows
 * every component's state against the deadline and {@code $withdraw-document} writes the notices to
 * the patient and the data-protection officer. Data managers only.
 */
public class WithdrawalOperationProvider implements FhirProvider {

  /** Documents of {@code $withdraw-document}. */
  public static final String PATIENT_NOTICE = "patient";

  public static final String OFFICER_NOTICE = "dpo";

  /** The documents' media type: Markdown, readable as plain text and printable as a letter. */
  public static final String MARKDOWN = "text/markdown; charset=utf-8";

  private final WithdrawalService service;
  private final String site;

  public WithdrawalOperationProvider(WithdrawalService service, String site) {
    this.service = service;
    this.site = site;
  }

  @Operation(name = "$withdraw", idempotent = false)
  public Task withdraw(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "mode", min = 0, max = 1) CodeType mode) {
    return WithdrawalTasks.of(
        service.start(
            pseudonym == null ? null : pseudonym.getValue(),
            mode == null ? null : mode.getValue()));
  }

  /**
   * Every component of one withdrawal with its state against the deadline: the steps, each other
   * site the central list informed, each CCP application that held a project pseudonym here.
   */
  @Operation(name = "$withdraw-components", idempotent = true)
  public Parameters components(@OperationParam(name = "task", min = 1, max = 1) StringType task) {
    Withdrawal w = service.status(required(task));
    Instant now = service.now();
    Parameters output = new Parameters();
    output.addParameter().setName("task").setValue(new StringType(w.id()));
    output.addParameter().setName("mode").setValue(new CodeType(w.mode()));
    output.addParameter().setName("origin").setValue(new CodeType(w.origin()));
    output.addParameter().setName("status").setValue(new CodeType(w.status()));
    output.addParameter().setName("received").setValue(new InstantType(new Date(w.createdMs())));
    output.addParameter().setName("deadline").setValue(new DateType(w.deadline().toString()));
    output
        .addParameter()
        .setName("overdue")
        .setValue(new BooleanType(WithdrawalReport.overdue(w, now)));
    for (WithdrawalReport.ComponentState c : service.components(w)) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName("component");
      part.addPart().setName("code").setValue(new StringType(c.code()));
      part.addPart().setName("display").setValue(new StringType(c.display()));
      part.addPart().setName("state").setValue(new CodeType(c.state()));
      if (c.confirmedMs() != null) {
        part.addPart().setName("confirmed").setValue(new InstantType(new Date(c.confirmedMs())));
      }
      if (c.detail() != null) {
        part.addPart().setName("detail").setValue(new StringType(c.detail()));
      }
    }
    return output;
  }

  /**
   * The written notices of a withdrawal (CCP-IT §6.5) as Markdown: {@value #PATIENT_NOTICE} — the
   * confirmation to the patient, once completed; {@value #OFFICER_NOTICE} — the notice to the
   * data-protection officer (an interim report while open).
   */
  @Operation(name = "$withdraw-document", idempotent = true)
  public Binary document(
      @OperationParam(name = "task", min = 1, max = 1) StringType task,
      @OperationParam(name = "document", min = 1, max = 1) CodeType document) {
    String kind = document == null ? null : document.getValue();
    if (!PATIENT_NOTICE.equals(kind) && !OFFICER_NOTICE.equals(kind)) {
      throw new InvalidRequestException(
          "parameter 'document' must be '" + PATIENT_NOTICE + "' or '" + OFFICER_NOTICE + "'");
    }
    Withdrawal w = service.status(required(task));
    List<WithdrawalReport.ComponentState> components = service.components(w);
    String text;
    if (PATIENT_NOTICE.equals(kind)) {
      if (!Withdrawal.COMPLETED.equals(w.status())) {
        throw new ResourceVersionConflictException(
            "parameter 'task': the withdrawal is not completed yet; the patient's confirmation"
                + " is written once every component confirmed");
      }
      text =
          WithdrawalReport.patientNotice(w, components, site, Instant.ofEpochMilli(w.updatedMs()));
    } else {
      text = WithdrawalReport.officerNotice(w, components, site, service.now());
    }
    Binary binary = new Binary();
    binary.setId(w.id() + "-" + kind);
    binary.setContentType(MARKDOWN);
    binary.setData(text.getBytes(StandardCharsets.UTF_8));
    return binary;
  }

  private static String required(StringType task) {
    if (task == null || !task.hasValue() || task.getValue().length() > 64) {
      throw new InvalidRequestException("parameter 'task' (a withdrawal Task id) is required");
    }
    return task.getValue();
  }

  @Operation(name = "$withdraw-status", idempotent = true)
  public IBaseResource status(
      @OperationParam(name = "task", min = 0, max = 1) StringType task,
      @OperationParam(name = "count", min = 0, max = 1) IntegerType count) {
    if (task != null && task.hasValue()) {
      return WithdrawalTasks.of(service.status(task.getValue()));
    }
    int wanted = count == null || count.getValue() == null ? 20 : count.getValue();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    service
        .latest(Math.max(1, Math.min(100, wanted)))
        .forEach(w -> bundle.addEntry().setResource(WithdrawalTasks.of(w)));
    bundle.setTotal(bundle.getEntry().size());
    return bundle;
  }
}
