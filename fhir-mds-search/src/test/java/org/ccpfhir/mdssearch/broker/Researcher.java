package org.ccpfhir.mdssearch.broker;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.testsupport.SelfSignedKey;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A researcher's own key and self-made certificate: the sites seal released results for it, only
 * the researcher opens them (the broker never can).
 */
final class Researcher {

  final Credential credential;

  Researcher() {
    SelfSignedKey key = SelfSignedKey.create("researcher");
    credential = new Credential(key.privateKey(), List.of(key.certificate()));
  }

  /** A search request Task for the given sites (none = all), valid until {@code end}. */
  Task request(String criteria, String prose, Instant end, String... sites) {
    Task task = new Task();
    task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    task.getRestriction().getPeriod().setEnd(Date.from(end));
    for (String site : sites) {
      task.getRestriction()
          .addRecipient(
              new Reference()
                  .setIdentifier(
                      new Identifier().setSystem(SearchTasks.SITE_SYSTEM).setValue(site)));
    }
    task.addInput()
        .setType(type(SearchTasks.CRITERIA))
        .setValue(new Expression().setLanguage(SearchTasks.QUERY_LANGUAGE).setExpression(criteria));
    if (prose != null) {
      task.addInput().setType(type(SearchTasks.PROSE)).setValue(new StringType(prose));
    }
    try {
      task.addInput()
          .setType(type(SearchTasks.REQUESTER_CERTIFICATE))
          .setValue(
              new Attachment()
                  .setContentType(SearchTasks.CERTIFICATE_CONTENT_TYPE)
                  .setData(credential.certificate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return task;
  }

  static CodeableConcept type(String code) {
    return new CodeableConcept().addCoding(new Coding(SearchTasks.PARAMETER_SYSTEM, code, null));
  }
}
