package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.List;
import org.ccpfhir.bridgehead.searchagent.BrokerClient.BrokerException;
import org.ccpfhir.bridgehead.searchagent.DecisionSender;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.disclosure.CellKeyPolicy;
import org.ccpfhir.disclosure.PerturbationTable;
import org.ccpfhir.disclosure.RecordKeys;

/**
 * The site approver's decisions on search requests: approve (optionally releasing the number of
 * local matches through the network's release policy — {@link CellKeyPolicy} with cell keys from
 * this site's {@link RecordKeys} — and a contact message) or reject with a reason. The decision is
 * stored first and then sent (again by the agent while the broker is unreachable); a decision the
 * broker refuses (e.g. the request expired meanwhile) leaves the broker's state.
 */
public class ApprovalService {

  /** The result of a decision, for the answer and the audit record. */
  public record Decided(String taskId, String status, String released, String audit) {}

  static final int MAX_TEXT = 2000;

  private final SearchAgentRepository repository;
  private final DecisionSender sender;
  private final CellKeyPolicy policy;
  private final RecordKeys recordKeys;
  private final Clock clock;

  public ApprovalService(
      SearchAgentRepository repository,
      DecisionSender sender,
      ApprovalProperties properties,
      RecordKeys recordKeys,
      Clock clock) {
    this.repository = repository;
    this.sender = sender;
    this.policy = new CellKeyPolicy(properties.floor(), properties.rounding());
    this.recordKeys = recordKeys;
    this.clock = clock;
  }

  public List<LocalSearchRequest> requests(int limit) {
    return repository.all(limit);
  }

  public Decided decide(
      String taskId,
      String approver,
      String decision,
      boolean releaseCount,
      String message,
      String reason) {
    LocalSearchRequest request =
        repository
            .find(taskId)
            .orElseThrow(
                () -> new ResourceNotFoundException("no search request " + taskId + " here"));
    if (!decision.equals("approve") && !decision.equals("reject")) {
      throw new InvalidRequestException(
          "decision: approve or reject, not '" + shorten(decision) + "'");
    }
    if (decision.equals("reject") && (reason == null || reason.isBlank())) {
      throw new UnprocessableEntityException("reason: a rejection names its reason");
    }
    for (String text : new String[] {message, reason}) {
      if (text != null && text.length() > MAX_TEXT) {
        throw new UnprocessableEntityException(
            "message / reason: longer than " + MAX_TEXT + " characters");
      }
    }
    if (request.decision() != null) {
      throw new ResourceVersionConflictException(
          taskId + " was already decided: " + request.decision());
    }
    if (clock.millis() > request.validUntilMs() || !request.status().equals("received")) {
      throw new ResourceVersionConflictException(
          taskId
              + " cannot be decided: "
              + (clock.millis() > request.validUntilMs()
                  ? "the request has expired"
                  : "it is " + request.status()));
    }
    if (!request.evaluated()) {
      throw new ResourceVersionConflictException(
          taskId + " is still being evaluated: decide once its matches are shown");
    }
    String released =
        decision.equals("approve") && releaseCount
            ? ReleasedCount.of(release(request.matches())).text()
            : null;
    LocalSearchRequest decided =
        request.decided(
            decision,
            approver,
            decision.equals("reject") ? reason : null,
            released,
            decision.equals("approve") && message != null && !message.isBlank() ? message : null);
    if (!repository.decide(decided, clock.millis())) {
      throw new ResourceVersionConflictException(taskId + " was decided meanwhile");
    }
    return send(decided, approver);
  }

  // the same matches always release the same value, whichever request asks for them
  private org.ccpfhir.disclosure.Released release(List<String> matches) {
    return policy.release(
        matches.size(), matches.size(), recordKeys.cellKey(matches), PerturbationTable.PATIENTS);
  }

  Decided send(LocalSearchRequest decided, String by) {
    String audit =
        "Task/"
            + decided.taskId()
            + " "
            + decided.decision()
            + " by "
            + by
            + ": matches true="
            + decided.matches().size()
            + " released="
            + (decided.released() == null ? "none" : decided.released())
            + (decided.message() == null ? "" : ", message");
    try {
      String status = sender.send(decided).getStatus().toCode();
      return new Decided(decided.taskId(), status, decided.released(), audit + " -> " + status);
    } catch (BrokerException e) {
      if (e.status() == 0 || e.status() >= 500) {
        return new Decided(
            decided.taskId(),
            "pending",
            decided.released(),
            audit + " -> pending (" + e.getMessage() + ")");
      }
      throw new ResourceVersionConflictException(
          "the broker refused the decision: " + e.getMessage());
    }
  }

  private static String shorten(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }
}
