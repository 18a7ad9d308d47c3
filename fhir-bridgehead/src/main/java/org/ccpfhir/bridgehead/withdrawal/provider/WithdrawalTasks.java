package org.ccpfhir.bridgehead.withdrawal.provider;

import java.time.Instant;
import java.util.Date;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalReport;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalStep;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A withdrawal as a FHIR Task: inputs {@code mode} and {@code origin} ({@code site}: received here;
 * {@code central-list}: a notice of a withdrawal received at another site); restriction.period.end
 * the deadline (the end of the 14th working day); businessStatus coding {@code overdue} once it
 * passed; one output per confirmed step (type code of {@link WithdrawalStep#SYSTEM}, value the
 * component's confirmation); while a step waits, businessStatus says why; once completed, the
 * output {@code completion-record} holds the text for the written confirmation to the patient. The
 * Task names no pseudonym of the patient.
 */
public final class WithdrawalTasks {

  public static final String TASK_CODE_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/withdrawal";

  private WithdrawalTasks() {}

  public static Task of(Withdrawal w) {
    Task task = new Task();
    task.setId(w.id());
    task.setIntent(Task.TaskIntent.ORDER);
    task.setStatus(
        Withdrawal.COMPLETED.equals(w.status())
            ? Task.TaskStatus.COMPLETED
            : Task.TaskStatus.INPROGRESS);
    task.setCode(
        new CodeableConcept(new Coding(TASK_CODE_SYSTEM, "withdrawal", "Withdrawal (§6.5)")));
    task.setAuthoredOn(new Date(w.createdMs()));
    task.setLastModified(new Date(w.updatedMs()));
    task.addInput()
        .setType(new CodeableConcept(new Coding(TASK_CODE_SYSTEM, "mode", "Mode")))
        .setValue(new CodeType(w.mode()));
    task.addInput()
        .setType(new CodeableConcept(new Coding(TASK_CODE_SYSTEM, "origin", "Origin")))
        .setValue(new CodeType(w.origin()));
    // the deadline of 14 working days (CCP-IT §6.5): when fulfilment is sought by
    task.getRestriction()
        .getPeriod()
        .setEnd(
            Date.from(
                w.deadline()
                    .plusDays(1)
                    .atStartOfDay(WithdrawalDeadline.ZONE)
                    .minusSeconds(1)
                    .toInstant()));
    boolean overdue = WithdrawalReport.overdue(w, Instant.now());
    if (w.lastError() != null || overdue) {
      CodeableConcept business = new CodeableConcept();
      if (overdue) {
        business.addCoding(new Coding(TASK_CODE_SYSTEM, "overdue", "Deadline passed"));
      }
      business.setText(
          (overdue ? "OVERDUE (deadline " + w.deadline() + ")" : "")
              + (overdue && w.lastError() != null ? "; " : "")
              + (w.lastError() == null
                  ? ""
                  : "waiting (attempt " + w.attempts() + " failed): " + w.lastError()));
      task.setBusinessStatus(business);
    }
    w.steps()
        .forEach(
            (step, confirmation) ->
                task.addOutput()
                    .setType(
                        new CodeableConcept(
                            new Coding(WithdrawalStep.SYSTEM, step.code(), step.display())))
                    .setValue(new StringType(confirmation.text())));
    if (w.completion() != null) {
      task.addOutput()
          .setType(
              new CodeableConcept(
                  new Coding(TASK_CODE_SYSTEM, "completion-record", "Completion record")))
          .setValue(new StringType(w.completion()));
    }
    return task;
  }
}
