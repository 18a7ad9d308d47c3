package org.ccpfhir.profiles.task;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * Writes a researcher's search request ({@code ccp-search-request}) as the researcher page does:
 * the one Java writer of that shape, for the clients that post requests outside the browser (the
 * broker's and the network's tests, scripts).
 */
public final class SearchRequests {

  private SearchRequests() {}

  /**
   * A request for the given sites (none = every site), valid until {@code validUntil}; the sites
   * seal their released results for {@code requester}.
   */
  public static Task request(
      String criteria,
      String prose,
      Instant validUntil,
      List<String> sites,
      X509Certificate requester) {
    Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    task.getRestriction().getPeriod().setEnd(Date.from(validUntil));
    for (String site : sites) {
      task.getRestriction()
          .addRecipient(
              new Reference()
                  .setIdentifier(
                      new Identifier().setSystem(SearchTasks.SITE_SYSTEM).setValue(site)));
    }
    task.addInput()
        .setType(parameter(SearchTasks.CRITERIA))
        .setValue(new Expression().setLanguage(SearchTasks.QUERY_LANGUAGE).setExpression(criteria));
    if (prose != null) {
      task.addInput().setType(parameter(SearchTasks.PROSE)).setValue(new StringType(prose));
    }
    try {
      task.addInput()
          .setType(parameter(SearchTasks.REQUESTER_CERTIFICATE))
          .setValue(
              new Attachment()
                  .setContentType(SearchTasks.CERTIFICATE_CONTENT_TYPE)
                  .setData(requester.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the requester's certificate cannot be encoded", e);
    }
    return task;
  }

  /** The type of a Task input or output of the search contract. */
  public static CodeableConcept parameter(String code) {
    return new CodeableConcept().addCoding(new Coding(SearchTasks.PARAMETER_SYSTEM, code, null));
  }
}
