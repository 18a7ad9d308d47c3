package org.ccpfhir.bridgehead.searchagent;

import java.time.Clock;
import org.ccpfhir.bridgehead.searchagent.BrokerClient.BrokerException;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.logging.SafeLog;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends approvers' decisions to the broker — the only thing besides "received" that ever leaves the
 * site. A decision is first stored (outbox) and sent at once; if the broker is unreachable the
 * agent sends it again after its next poll, so a decision survives broker outages and restarts.
 */
public class DecisionSender {

  /** Seals a released result (count and/or message) for the request's requester. */
  public interface Sealer {
    byte[] seal(LocalSearchRequest request);
  }

  private static final Logger log = LoggerFactory.getLogger(DecisionSender.class);

  private final SearchAgentRepository repository;
  private final BrokerClient broker;
  private final Sealer sealer;
  private final Clock clock;

  public DecisionSender(
      SearchAgentRepository repository, BrokerClient broker, Sealer sealer, Clock clock) {
    this.repository = repository;
    this.broker = broker;
    this.sealer = sealer;
    this.clock = clock;
  }

  private Task.TaskOutputComponent sealedResult(LocalSearchRequest request) {
    return new Task.TaskOutputComponent()
        .setType(
            new CodeableConcept()
                .addCoding(
                    new Coding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.RELEASED_RESULT, null)))
        .setValue(
            new Attachment()
                .setContentType(SearchTasks.CMS_CONTENT_TYPE)
                .setData(sealer.seal(request)));
  }

  /** Sends every stored decision the broker has not confirmed; unreachable → tried again later. */
  public synchronized void sendPending() {
    for (LocalSearchRequest request : repository.pendingDecisions()) {
      try {
        send(request);
      } catch (BrokerException e) {
        if (e.status() == 0 || e.status() >= 500) {
          throw e;
        }
        log.warn(
            "broker refused the decision on Task/{}: {}", request.taskId(), SafeLog.describe(e));
      }
    }
  }

  /**
   * Sends one decision. The broker's refusal (4xx, e.g. the request expired) settles it: the local
   * state follows the broker's and the exception goes to the caller.
   */
  public synchronized Task send(LocalSearchRequest request) {
    try {
      Task task = broker.read(request.taskId());
      if ("approve".equals(request.decision())) {
        if (task.getStatus() == Task.TaskStatus.RECEIVED) {
          task = broker.update(task.setStatus(Task.TaskStatus.ACCEPTED));
        }
        if (task.getStatus() == Task.TaskStatus.ACCEPTED) {
          if (request.released() != null || request.message() != null) {
            task.addOutput(sealedResult(request));
          }
          task = broker.update(task.setStatus(Task.TaskStatus.COMPLETED));
        }
      } else if (task.getStatus() == Task.TaskStatus.RECEIVED) {
        // the reason is sealed for the researcher like a count: the broker only sees "sealed"
        task.setStatusReason(new CodeableConcept().setText(SearchTasks.REASON_SEALED));
        task.addOutput(sealedResult(request));
        task = broker.update(task.setStatus(Task.TaskStatus.REJECTED));
      }
      repository.updateStatus(request.taskId(), task.getStatus().toCode(), true, clock.millis());
      return task;
    } catch (BrokerException e) {
      if (e.status() >= 400 && e.status() < 500) {
        String status = broker.read(request.taskId()).getStatus().toCode();
        repository.updateStatus(request.taskId(), status, true, clock.millis());
      }
      throw e;
    }
  }
}
