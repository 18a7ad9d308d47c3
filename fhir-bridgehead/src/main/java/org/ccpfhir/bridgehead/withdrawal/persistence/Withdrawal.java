package org.ccpfhir.bridgehead.withdrawal.persistence;

import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalStep;

/**
 * One withdrawal as stored. {@code bkLocal}, {@code bkGlobal}, {@code heldKind} and {@code
 * patientIds} are the protected state of the cascade (null once completed).
 *
 * @param heldKind the consent kind the MDS database held the patient under, or null
 * @param steps confirmed steps and their confirmations
 */
public record Withdrawal(
    String id,
    String mode,
    String status,
    long createdMs,
    long updatedMs,
    int attempts,
    Long nextAttemptMs,
    String lastError,
    String completion,
    String bkLocal,
    String bkGlobal,
    String heldKind,
    List<String> patientIds,
    Map<WithdrawalStep, Confirmation> steps) {

  public static final String IN_PROGRESS = "in-progress";
  public static final String COMPLETED = "completed";

  /** What a component confirmed, and when. */
  public record Confirmation(String text, long confirmedMs) {}

  public boolean deletes() {
    return "delete".equals(mode);
  }

  public boolean confirmed(WithdrawalStep step) {
    return steps.containsKey(step);
  }
}
