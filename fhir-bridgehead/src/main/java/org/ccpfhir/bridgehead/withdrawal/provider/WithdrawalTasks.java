package org.ccpfhir.bridgehead.withdrawal.provider;

import java.util.Date;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalStep;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A withdrawal as a FHIR Task: input {@code mode}; one output per confirmed step (type code of
 * {@link WithdrawalStep#SYSTEM}, value the component's confirmation); while a step waits,
 * businessStatus says why; once completed, the output {@code completion-record} holds the text for
 * the written confirmation to the patient. The Task names no pseudonym of the patient.
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
    if (w.lastError() != null) {
      task.setBusinessStatus(
          new CodeableConcept()
              .setText("waiting (attempt " + w.attempts() + " failed): " + w.lastError()));
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
