package org.ccpfhir.bridgehead.searchagent.persistence;

import java.util.List;

/**
 * A search request as this site keeps it.
 *
 * @param taskId the site Task's id at the broker
 * @param requestId the request Task's id at the broker
 * @param requester the researcher's user name
 * @param criteria the criteria as sent
 * @param prose free text for the approver, or null
 * @param validUntilMs end of the request's validity
 * @param certificateBase64 the requester's certificate (DER, base64): results are sealed for it
 * @param status the Task's state as this site knows it (received, accepted, rejected, completed,
 *     failed, cancelled)
 * @param matches local Patient ids matching the criteria; never leave the site
 * @param evaluated whether the matches are known yet (evaluation runs after "received" is sent)
 * @param evaluationError why the criteria could not be evaluated here, or null
 * @param decision {@code approve} / {@code reject} once decided
 * @param decidedBy the approver's user name, or {@code auto-rule} for an automatic decision
 * @param reason the rejection reason
 * @param released the count as released ({@code 20}, {@code <10}) or null when no count is released
 * @param message the contact message for the researcher, or null
 * @param outboxPending a decision not yet confirmed by the broker
 * @param receivedMs when the agent fetched it
 */
public record LocalSearchRequest(
    String taskId,
    String requestId,
    String requester,
    String criteria,
    String prose,
    long validUntilMs,
    String certificateBase64,
    String status,
    List<String> matches,
    boolean evaluated,
    String evaluationError,
    String decision,
    String decidedBy,
    String reason,
    String released,
    String message,
    boolean outboxPending,
    long receivedMs) {

  public LocalSearchRequest {
    matches = List.copyOf(matches);
  }

  /** The request with a decision waiting to be sent. */
  public LocalSearchRequest decided(
      String newDecision, String by, String newReason, String newReleased, String newMessage) {
    return new LocalSearchRequest(
        taskId,
        requestId,
        requester,
        criteria,
        prose,
        validUntilMs,
        certificateBase64,
        status,
        matches,
        evaluated,
        evaluationError,
        newDecision,
        by,
        newReason,
        newReleased,
        newMessage,
        true,
        receivedMs);
  }
}
