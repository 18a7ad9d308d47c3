package org.ccpfhir.bridgehead.withdrawal.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalStep;

/**
 * One withdrawal as stored. {@code bkLocal}, {@code bkGlobal}, {@code heldKind} and {@code
 * patientIds} are the protected state of the cascade (null once completed).
 *
 * @param heldKind the consent kind the MDS database held the patient under, or null
 * @param steps confirmed steps and their confirmations
 * @param origin {@value #SITE} (received here from the patient) or {@value #CENTRAL_LIST} (a notice
 *     of the central list: the patient was withdrawn at another site)
 * @param noticeId the central list's notice, for {@value #CENTRAL_LIST}
 * @param centralCase the central list's case, once known
 * @param deadline the day by which every component must be done (14 working days)
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
    Map<WithdrawalStep, Confirmation> steps,
    String origin,
    String noticeId,
    String centralCase,
    LocalDate deadline) {

  public static final String IN_PROGRESS = "in-progress";
  public static final String COMPLETED = "completed";

  public static final String SITE = "site";
  public static final String CENTRAL_LIST = "central-list";

  /** What a component confirmed, and when. */
  public record Confirmation(String text, long confirmedMs) {}

  public boolean deletes() {
    return "delete".equals(mode);
  }

  /** Whether the central list told this site of a withdrawal received elsewhere. */
  public boolean notified() {
    return CENTRAL_LIST.equals(origin);
  }

  public boolean confirmed(WithdrawalStep step) {
    return steps.containsKey(step);
  }
}
