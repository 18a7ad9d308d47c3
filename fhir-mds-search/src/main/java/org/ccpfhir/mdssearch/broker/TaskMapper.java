package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.context.FhirContext;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.ccpfhir.mdssearch.broker.persistence.StoredRequest;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.ccpfhir.profiles.task.SearchTasks;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/** Stored rows to the two Task profiles. */
final class TaskMapper {

  private final FhirContext fhirContext;

  TaskMapper(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
  }

  Task parse(StoredRequest request) {
    return fhirContext.newJsonParser().parseResource(Task.class, request.taskJson());
  }

  String encode(Task task) {
    return fhirContext.newJsonParser().encodeResourceToString(task);
  }

  /**
   * The request as its requester sees it: stored as created, status {@code completed} once every
   * site has settled, last updated at the latest site change.
   */
  Task request(StoredRequest request, List<StoredSiteTask> siteTasks) {
    Task task = parse(request);
    boolean settled =
        siteTasks.stream().allMatch(t -> TaskTransitions.SETTLED.contains(t.status()));
    task.setStatus(settled ? Task.TaskStatus.COMPLETED : Task.TaskStatus.REQUESTED);
    long updated =
        siteTasks.stream().mapToLong(StoredSiteTask::updatedMs).max().orElse(request.createdMs());
    task.getMeta().setLastUpdated(new Date(Math.max(updated, request.createdMs())));
    return task;
  }

  /**
   * One site's Task: the request's requester, validity and inputs (not its recipients: sites see
   * nothing of each other), the site's state and, when completed, the sealed output.
   */
  Task siteTask(StoredRequest request, Task requestTask, StoredSiteTask stored) {
    Task task = new Task();
    task.setId(stored.id());
    task.getMeta()
        .setVersionId(Integer.toString(stored.version()))
        .setLastUpdated(new Date(stored.updatedMs()))
        .addProfile(SearchTasks.SITE_TASK_PROFILE);
    task.addPartOf(new Reference("Task/" + request.id()));
    task.setStatus(Task.TaskStatus.fromCode(stored.status()));
    if (stored.businessStatus() != null) {
      task.setBusinessStatus(
          new CodeableConcept()
              .addCoding(new Coding(SearchTasks.STATE_SYSTEM, stored.businessStatus(), null)));
    }
    if (stored.reason() != null) {
      task.setStatusReason(new CodeableConcept().setText(stored.reason()));
    }
    task.setIntent(Task.TaskIntent.ORDER);
    task.getCode()
        .addCoding()
        .setSystem(SearchTasks.TASK_TYPE_SYSTEM)
        .setCode(SearchTasks.TYPE_SITE);
    task.setAuthoredOnElement(requestTask.getAuthoredOnElement().copy());
    task.setRequester(requestTask.getRequester().copy());
    task.setOwner(siteReference(stored.site()));
    task.getRestriction().setPeriod(requestTask.getRestriction().getPeriod().copy());
    requestTask.getInput().forEach(input -> task.addInput(input.copy()));
    if (stored.outputBase64() != null) {
      task.addOutput()
          .setType(parameter(SearchTasks.RELEASED_RESULT))
          .setValue(
              new Attachment()
                  .setContentType(SearchTasks.CMS_CONTENT_TYPE)
                  .setData(Base64.getDecoder().decode(stored.outputBase64())));
    }
    return task;
  }

  static Reference siteReference(String site) {
    return new Reference()
        .setIdentifier(new Identifier().setSystem(SearchTasks.SITE_SYSTEM).setValue(site));
  }

  static CodeableConcept parameter(String code) {
    return new CodeableConcept().addCoding(new Coding(SearchTasks.PARAMETER_SYSTEM, code, null));
  }
}
