package org.ccpfhir.bridgehead.searchagent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.logging.SafeLog;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's decentralized-search agent: one thread long-polls the broker for this site's Tasks
 * changed since a persisted cursor; a new request is kept here and answered with nothing but the
 * status {@code received} — at once, so delivery never waits for the evaluation — and then a second
 * thread evaluates it on the local store and keeps the matches here. Connections are only ever
 * opened by the site. Failures pause with exponential back-off; since the cursor moves only after a
 * Task is handled, nothing is missed across broker outages or agent restarts.
 */
public class SearchAgent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SearchAgent.class);

  private final SearchAgentRepository repository;
  private final CriteriaEvaluator evaluator;
  private final BrokerClient broker;
  private final DecisionSender decisions;
  private final SearchAgentProperties properties;
  private final Clock clock;
  private volatile Thread thread;
  private ExecutorService evaluations;

  public SearchAgent(
      SearchAgentRepository repository,
      CriteriaEvaluator evaluator,
      BrokerClient broker,
      DecisionSender decisions,
      SearchAgentProperties properties,
      Clock clock) {
    this.repository = repository;
    this.evaluator = evaluator;
    this.broker = broker;
    this.decisions = decisions;
    this.properties = properties;
    this.clock = clock;
  }

  public synchronized void start(String name) {
    if (thread == null) {
      evaluations =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread worker = new Thread(r, name + "-evaluation");
                worker.setDaemon(true);
                return worker;
              });
      // requests received before a restart but not evaluated yet
      repository.unevaluated().forEach(this::evaluateLater);
      thread = new Thread(this::run, name);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Whether the agent polls now (false after {@link #close()} or if its thread died). */
  public synchronized boolean polling() {
    return thread != null && thread.isAlive();
  }

  private void run() {
    Duration backoff = properties.minBackoff();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        pollOnce(properties.pollWait());
        backoff = properties.minBackoff();
      } catch (RuntimeException e) {
        log.warn("search agent: {} (next attempt in {})", SafeLog.describe(e), backoff);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                ? properties.maxBackoff()
                : backoff.multipliedBy(2);
      }
    }
  }

  /** One round: pending decisions out, then one long-poll and its Tasks handled. */
  public int pollOnce(Duration wait) {
    decisions.sendPending();
    Bundle changed = broker.poll(repository.cursor().orElse(null), wait);
    int handled = 0;
    for (Bundle.BundleEntryComponent entry : changed.getEntry()) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      Task task = (Task) entry.getResource();
      handle(task);
      repository.saveCursor(task.getMeta().getLastUpdatedElement().getValueAsString());
      handled++;
    }
    return handled;
  }

  private void handle(Task task) {
    String id = task.getIdElement().getIdPart();
    if (task.getStatus() != Task.TaskStatus.REQUESTED) {
      // our own changes coming back, or the broker's expiry: follow the broker's state
      repository
          .find(id)
          .ifPresent(
              local ->
                  repository.updateStatus(id, task.getStatus().toCode(), false, clock.millis()));
      return;
    }
    boolean isNew = repository.find(id).isEmpty();
    if (isNew) {
      repository.insert(kept(task), clock.millis());
    }
    Task received = broker.update(task.setStatus(Task.TaskStatus.RECEIVED));
    repository.updateStatus(id, received.getStatus().toCode(), false, clock.millis());
    log.info("search request Task/{} received", id);
    if (isNew) {
      repository.find(id).ifPresent(this::evaluateLater);
    }
  }

  private void evaluateLater(LocalSearchRequest request) {
    ExecutorService executor = evaluations;
    if (executor != null) {
      executor.execute(() -> evaluate(request));
    }
  }

  /** Evaluates the criteria; the outcome (matches or the reason there are none) is kept here. */
  public void evaluate(LocalSearchRequest request) {
    List<String> matches = List.of();
    String error = null;
    try {
      matches = evaluator.matchingPatients(request.criteria());
    } catch (RuntimeException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      error = error.length() > 1000 ? error.substring(0, 1000) : error;
    }
    repository.saveMatches(request.taskId(), matches, error, clock.millis());
  }

  /**
   * The approvers' "request from …": the login name the broker vouches for, then name, institution
   * and project as the researcher stated them (issue 23), within the stored column's 200
   * characters.
   */
  static String requester(String user, Map<String, String> details) {
    List<String> who = new ArrayList<>();
    if (details.get(SearchTasks.REQUESTER_NAME) != null) {
      who.add(details.get(SearchTasks.REQUESTER_NAME));
    }
    if (details.get(SearchTasks.REQUESTER_INSTITUTION) != null) {
      who.add(details.get(SearchTasks.REQUESTER_INSTITUTION));
    }
    if (details.get(SearchTasks.PROJECT) != null) {
      who.add("project " + details.get(SearchTasks.PROJECT));
    }
    String text = who.isEmpty() ? user : user + " — " + String.join(", ", who);
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }

  private LocalSearchRequest kept(Task task) {
    String criteria = null;
    String prose = null;
    String certificate = null;
    Map<String, String> details = new LinkedHashMap<>();
    for (Task.ParameterComponent input : task.getInput()) {
      for (String detail :
          List.of(
              SearchTasks.REQUESTER_NAME, SearchTasks.REQUESTER_INSTITUTION, SearchTasks.PROJECT)) {
        if (input.getType().hasCoding(SearchTasks.PARAMETER_SYSTEM, detail)) {
          details.put(detail, input.getValue().primitiveValue());
        }
      }
      if (input.getType().hasCoding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.CRITERIA)) {
        criteria =
            input.getValue() instanceof Expression expression
                ? expression.getExpression()
                : input.getValue().primitiveValue();
      } else if (input.getType().hasCoding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.PROSE)) {
        prose = input.getValue().primitiveValue();
      } else if (input
          .getType()
          .hasCoding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.REQUESTER_CERTIFICATE)) {
        certificate = Base64.getEncoder().encodeToString(((Attachment) input.getValue()).getData());
      }
    }
    return new LocalSearchRequest(
        task.getIdElement().getIdPart(),
        task.getPartOfFirstRep().getReferenceElement().getIdPart(),
        requester(task.getRequester().getIdentifier().getValue(), details),
        criteria,
        prose,
        task.getRestriction().getPeriod().getEnd().getTime(),
        certificate,
        "received",
        List.of(),
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        clock.millis());
  }

  @Override
  public synchronized void close() {
    if (evaluations != null) {
      evaluations.shutdownNow();
      evaluations = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        // a restarted agent must not handle a Task while the old thread still does
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
