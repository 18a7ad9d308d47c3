package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.persistence.StoredRequest;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.ccpfhir.profiles.task.SearchTasks;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Task;

/**
 * A site changes its own Task (PUT): only the status, its reason and — when completing or rejecting
 * — the sealed output (a rejection's reason is sealed too; its statusReason.text is only {@code
 * sealed}). Everything the request fixed (requester, owner, partOf, validity, inputs) must come
 * back unchanged; the transition must be one {@link TaskTransitions} allows; an expired request
 * takes no more changes.
 */
public class SiteTaskUpdater {

  /** What changed, for the answer and the audit record. */
  public record Outcome(Task task, String detail) {}

  private static final int MAX_REASON = 2000;
  private static final int MAX_OUTPUT_BYTES = 512 * 1024;

  private final BrokerRepository repository;
  private final TaskMapper mapper;
  private final ChangeSignal signal;
  private final Clock clock;

  SiteTaskUpdater(
      BrokerRepository repository, TaskMapper mapper, ChangeSignal signal, Clock clock) {
    this.repository = repository;
    this.mapper = mapper;
    this.signal = signal;
    this.clock = clock;
  }

  public Outcome update(BrokerCaller caller, String id, Task sent) {
    StoredSiteTask stored = repository.siteTask(id).orElseThrow(() -> requestOrUnknown(caller, id));
    StoredRequest request = repository.request(stored.requestId()).orElseThrow();
    if (!caller.isSite()) {
      BrokerService.checkMayRead(caller, request, stored);
      throw new ForbiddenOperationException(
          "only the owning site changes Task/" + id + "; a request's fields never change");
    }
    if (!caller.site().equals(stored.site())) {
      throw new ForbiddenOperationException("Task/" + id + " belongs to another site");
    }
    Task current = mapper.siteTask(request, mapper.parse(request), stored);
    checkImmutable(current, sent);
    String to = sent.hasStatus() ? sent.getStatus().toCode() : "(none)";
    String reason = sent.getStatusReason().getText();
    if (to.equals(stored.status())
        && Objects.equals(reason, stored.reason())
        && !sent.hasOutput()) {
      // a retry of a change whose answer was lost: nothing to do
      return new Outcome(current, "Task/" + id + " unchanged (" + to + ")");
    }
    if (clock.millis() > request.validUntilMs()
        || TaskTransitions.SETTLED.contains(stored.status())) {
      throw new ResourceVersionConflictException(
          "Task/"
              + id
              + " is "
              + stored.status()
              + (clock.millis() > request.validUntilMs() ? " and its request has expired" : "")
              + ": it takes no more changes");
    }
    if (!TaskTransitions.allowed(stored.status(), to)) {
      throw BrokerIssues.unprocessable(
          "Task.status",
          "a site Task goes from "
              + stored.status()
              + " to "
              + TaskTransitions.next(stored.status())
              + ", not to "
              + to);
    }
    String output = output(sent, to);
    // the reason of a rejection is sealed for the researcher like a count (issue 23): the broker
    // refuses to hold it in plain text
    if (to.equals("rejected") && (!SearchTasks.REASON_SEALED.equals(reason) || output == null)) {
      throw BrokerIssues.unprocessable(
          "Task.statusReason.text",
          "a rejection's reason travels sealed in Task.output (a released-result envelope for"
              + " the researcher); statusReason.text is '"
              + SearchTasks.REASON_SEALED
              + "'");
    }
    if (reason != null && reason.length() > MAX_REASON) {
      throw BrokerIssues.unprocessable(
          "Task.statusReason.text", "longer than " + MAX_REASON + " characters");
    }
    StoredSiteTask changed = stored.changed(to, null, reason, output, clock.millis());
    StoredSiteTask saved =
        repository
            .update(changed, stored.version(), clock.millis())
            .orElseThrow(
                () -> new ResourceVersionConflictException("Task/" + id + " changed meanwhile"));
    signal.changed();
    return new Outcome(
        mapper.siteTask(request, mapper.parse(request), saved),
        "Task/"
            + id
            + " "
            + stored.status()
            + " -> "
            + to
            + " by bridgehead."
            + caller.site()
            + (output == null ? "" : " (sealed output " + output.length() * 3 / 4 + " bytes)"));
  }

  private ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException requestOrUnknown(
      BrokerCaller caller, String id) {
    return repository.request(id).isPresent()
        ? new ForbiddenOperationException(
            "Task/"
                + id
                + " is a search request: its fields never change, its status follows"
                + " the sites' Tasks")
        : BrokerService.notFound(id);
  }

  /** The elements the request fixed, compared with what the site sent back. */
  private static void checkImmutable(Task current, Task sent) {
    check("Task.partOf", current.getPartOf(), sent.getPartOf());
    check("Task.owner", List.of(current.getOwner()), List.of(sent.getOwner()));
    check("Task.requester", List.of(current.getRequester()), List.of(sent.getRequester()));
    check("Task.input", current.getInput(), sent.getInput());
    check("Task.restriction", List.of(current.getRestriction()), List.of(sent.getRestriction()));
    check("Task.code", List.of(current.getCode()), List.of(sent.getCode()));
  }

  private static void check(String path, List<? extends Base> current, List<? extends Base> sent) {
    boolean same = current.size() == sent.size();
    for (int i = 0; same && i < current.size(); i++) {
      same = current.get(i).equalsDeep(sent.get(i));
    }
    if (!same) {
      throw BrokerIssues.unprocessable(path, "is fixed by the request and cannot be changed");
    }
  }

  /** The sealed result: only with {@code completed}, one CMS attachment. */
  private static String output(Task sent, String to) {
    if (!sent.hasOutput()) {
      return null;
    }
    if (!(to.equals("completed") || to.equals("rejected")) || sent.getOutput().size() != 1) {
      throw BrokerIssues.unprocessable(
          "Task.output",
          "one released result, and only when the Task is completed or rejected (its sealed"
              + " reason)");
    }
    Task.TaskOutputComponent out = sent.getOutputFirstRep();
    if (!out.getType().hasCoding(SearchTasks.PARAMETER_SYSTEM, SearchTasks.RELEASED_RESULT)
        || !(out.getValue() instanceof Attachment attachment)
        || !SearchTasks.CMS_CONTENT_TYPE.equals(attachment.getContentType())
        || !attachment.hasData()) {
      throw BrokerIssues.unprocessable(
          "Task.output[0]",
          "a released-result Attachment of type " + SearchTasks.CMS_CONTENT_TYPE + " with data");
    }
    byte[] data = attachment.getData();
    if (data.length > MAX_OUTPUT_BYTES || !isCms(data)) {
      throw BrokerIssues.unprocessable(
          "Task.output[0].valueAttachment.data",
          "not a CMS envelope of at most " + MAX_OUTPUT_BYTES + " bytes");
    }
    return Base64.getEncoder().encodeToString(data);
  }

  private static boolean isCms(byte[] data) {
    try {
      return ContentInfo.getInstance(data) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
