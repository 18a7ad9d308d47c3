package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Date;
import java.util.List;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The site approver's FHIR API (OperationDefinitions {@code search-requests}, {@code search-decide}
 * in the profiles module): the search requests that reached this site with their local matches, and
 * the decision on one. Each decision is audited with the true and the released count.
 */
public class ApprovalOperationProvider implements FhirProvider {

  private static final int MAX_REQUESTS = 100;
  private static final int MAX_MATCHES_SHOWN = 100;

  private final ApprovalService service;
  private final MatchView matches;

  public ApprovalOperationProvider(ApprovalService service, MatchView matches) {
    this.service = service;
    this.matches = matches;
  }

  @Operation(name = "$search-requests", idempotent = true)
  public Parameters requests() {
    Parameters output = new Parameters();
    List<LocalSearchRequest> requests = service.requests(MAX_REQUESTS);
    MatchView.Matches shown =
        matches.read(
            requests.stream()
                .flatMap(request -> request.matches().stream().limit(MAX_MATCHES_SHOWN))
                .toList());
    for (LocalSearchRequest request : requests) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName("request");
      part.addPart().setName("task").setValue(new StringType(request.taskId()));
      part.addPart().setName("requester").setValue(new StringType(request.requester()));
      part.addPart().setName("criteria").setValue(new StringType(request.criteria()));
      if (request.prose() != null) {
        part.addPart().setName("prose").setValue(new StringType(request.prose()));
      }
      part.addPart().setName("status").setValue(new CodeType(request.status()));
      part.addPart()
          .setName("validUntil")
          .setValue(new DateTimeType(new Date(request.validUntilMs())));
      if (request.decision() != null) {
        part.addPart().setName("decision").setValue(new CodeType(request.decision()));
      }
      if (request.released() != null) {
        part.addPart().setName("released").setValue(new StringType(request.released()));
      }
      if (request.evaluationError() != null) {
        part.addPart().setName("error").setValue(new StringType(request.evaluationError()));
      }
      part.addPart().setName("evaluated").setValue(new BooleanType(request.evaluated()));
      part.addPart().setName("matchCount").setValue(new IntegerType(request.matches().size()));
      request.matches().stream().limit(MAX_MATCHES_SHOWN).forEach(id -> shown.addTo(part, id));
    }
    return output;
  }

  @Operation(name = "$search-decide")
  public Parameters decide(
      @OperationParam(name = "task", min = 1) StringType task,
      @OperationParam(name = "decision", min = 1) CodeType decision,
      @OperationParam(name = "releaseCount") BooleanType releaseCount,
      @OperationParam(name = "message") StringType message,
      @OperationParam(name = "reason") StringType reason,
      HttpServletRequest http) {
    try {
      if (task == null || !task.hasValue() || decision == null || !decision.hasValue()) {
        throw new InvalidRequestException("task and decision are required");
      }
      String approver = Caller.current().map(Caller::id).orElse("unknown");
      ApprovalService.Decided decided =
          service.decide(
              task.getValue(),
              approver,
              decision.getValue(),
              releaseCount != null && releaseCount.booleanValue(),
              message == null ? null : message.getValue(),
              reason == null ? null : reason.getValue());
      http.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, decided.audit());
      Parameters output = new Parameters();
      output.addParameter("task", new StringType(decided.taskId()));
      output.addParameter("status", new CodeType(decided.status()));
      if (decided.released() != null) {
        output.addParameter("released", new StringType(decided.released()));
      }
      return output;
    } catch (BaseServerResponseException e) {
      http.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, "refused: " + e.getMessage());
      throw e;
    }
  }
}
