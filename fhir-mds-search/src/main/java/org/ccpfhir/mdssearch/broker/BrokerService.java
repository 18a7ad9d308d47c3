package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.persistence.StoredRequest;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.ccpfhir.profiles.task.SearchTasks;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * Stores requests and answers who may see which Task: a request and its site Tasks only to the
 * requester, a site Task also to its owning site, nothing of one site to another.
 */
public class BrokerService {

  private static final int MAX_LIST = 500;

  private final BrokerRepository repository;
  private final RequestValidator validator;
  private final TaskMapper mapper;
  private final ChangeSignal signal;
  private final BrokerProperties properties;
  private final Clock clock;

  BrokerService(
      BrokerRepository repository,
      RequestValidator validator,
      TaskMapper mapper,
      ChangeSignal signal,
      BrokerProperties properties,
      Clock clock) {
    this.repository = repository;
    this.validator = validator;
    this.mapper = mapper;
    this.signal = signal;
    this.properties = properties;
    this.clock = clock;
  }

  /** Stores a researcher's request; the answer says only that it is stored. */
  public Task create(BrokerCaller caller, Task sent) {
    if (caller.isSite()) {
      throw new ForbiddenOperationException("sites do not create search requests");
    }
    Instant now = clock.instant();
    RequestValidator.Checked checked = validator.check(sent, now);
    Task task = sent.copy();
    String id = UUID.randomUUID().toString();
    task.setId(id);
    task.getMeta().setProfile(new ArrayList<>()).addProfile(SearchTasks.REQUEST_PROFILE);
    task.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.getCode()
        .setCoding(
            List.of(new Coding(SearchTasks.TASK_TYPE_SYSTEM, SearchTasks.TYPE_REQUEST, null)));
    task.setAuthoredOn(Date.from(now));
    task.setRequester(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem(SearchTasks.USER_SYSTEM).setValue(caller.user())));
    task.getRestriction()
        .setRecipient(
            new ArrayList<>(checked.sites().stream().map(TaskMapper::siteReference).toList()));
    StoredRequest stored =
        new StoredRequest(
            id,
            caller.user(),
            mapper.encode(task),
            checked.validUntil().toEpochMilli(),
            now.toEpochMilli());
    repository.insert(stored, checked.sites(), now.toEpochMilli());
    signal.changed();
    return task;
  }

  /** A request (its requester only) or a site Task (its requester and its site only). */
  public Task read(BrokerCaller caller, String id) {
    var siteTask = repository.siteTask(id);
    if (siteTask.isPresent()) {
      StoredRequest request = repository.request(siteTask.get().requestId()).orElseThrow();
      checkMayRead(caller, request, siteTask.get());
      return mapper.siteTask(request, mapper.parse(request), siteTask.get());
    }
    StoredRequest request = repository.request(id).orElseThrow(() -> notFound(id));
    if (caller.isSite() || !request.requester().equals(caller.user())) {
      throw new ForbiddenOperationException("Task/" + id + " is another requester's request");
    }
    return mapper.request(request, repository.siteTasksOf(id));
  }

  static void checkMayRead(BrokerCaller caller, StoredRequest request, StoredSiteTask task) {
    boolean allowed =
        caller.isSite()
            ? caller.site().equals(task.site())
            : request.requester().equals(caller.user());
    if (!allowed) {
      throw new ForbiddenOperationException(
          "Task/" + task.id() + " belongs to another " + (caller.isSite() ? "site" : "requester"));
    }
  }

  /** The site Tasks of one of the researcher's requests, or all the researcher's requests. */
  public List<Task> researcherSearch(BrokerCaller caller, String partOf) {
    if (partOf == null) {
      return repository.requestsOf(caller.user(), MAX_LIST).stream()
          .map(r -> mapper.request(r, repository.siteTasksOf(r.id())))
          .toList();
    }
    StoredRequest request = repository.request(partOf).orElseThrow(() -> notFound(partOf));
    if (!request.requester().equals(caller.user())) {
      throw new ForbiddenOperationException("Task/" + partOf + " is another requester's request");
    }
    Task requestTask = mapper.parse(request);
    return repository.siteTasksOf(partOf).stream()
        .map(t -> mapper.siteTask(request, requestTask, t))
        .toList();
  }

  /**
   * The site's own Tasks changed after {@code afterMs}, oldest first. When there are none, waits up
   * to {@code wait} (capped by {@code ccp.broker.max-wait}) for one: the long-poll.
   */
  public List<Task> siteSearch(BrokerCaller caller, long afterMs, int limit, Duration wait)
      throws InterruptedException {
    Duration capped = wait.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wait;
    long deadline = System.nanoTime() + capped.toNanos();
    while (true) {
      long generation = signal.generation();
      List<StoredSiteTask> changed = repository.changedSince(caller.site(), afterMs, limit);
      if (!changed.isEmpty() || System.nanoTime() >= deadline) {
        return changed.stream().map(this::siteTask).toList();
      }
      signal.awaitAfter(generation, deadline);
    }
  }

  private Task siteTask(StoredSiteTask stored) {
    StoredRequest request = repository.request(stored.requestId()).orElseThrow();
    return mapper.siteTask(request, mapper.parse(request), stored);
  }

  static ResourceNotFoundException notFound(String id) {
    return new ResourceNotFoundException("Task/" + id + " is not known");
  }
}
