package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Date;
import java.util.Map;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.central.LinkageReview;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * The linkage admin's review queue at the central list: {@code $linkage-review-list} shows the open
 * possible matches with the score and, per field, the Dice similarity of the control numbers and
 * the Fellegi–Sunter weight it added to the score (never IDAT, never control numbers); {@code
 * $linkage-review-decide} links (merges the two persons) or keeps them apart. Decisions are audited
 * with the review id.
 */
public class LinkageReviewOperationProvider implements FhirProvider {

  private final CentralPatientList list;

  public LinkageReviewOperationProvider(CentralPatientList list) {
    this.list = list;
  }

  @Operation(name = "$linkage-review-list", idempotent = true)
  public Parameters reviews() {
    Parameters output = new Parameters();
    for (LinkageReview review : list.openReviews()) {
      ParametersParameterComponent part = output.addParameter().setName("review");
      part.addPart().setName("id").setValue(new StringType(String.valueOf(review.id())));
      part.addPart().setName("site").setValue(new CodeType(review.site()));
      part.addPart().setName("score").setValue(new DecimalType(round(review.score())));
      part.addPart().setName("created").setValue(new DateTimeType(new Date(review.createdMs())));
      for (Map.Entry<IdatField, Double> field : review.similarities().entrySet()) {
        ParametersParameterComponent detail = part.addPart().setName("field");
        detail.addPart().setName("name").setValue(new CodeType(field.getKey().name()));
        detail.addPart().setName("similarity").setValue(new DecimalType(round(field.getValue())));
        Double weight = review.weights().get(field.getKey());
        if (weight != null) {
          // the Fellegi–Sunter weight this field added (negative: evidence of two people)
          detail.addPart().setName("weight").setValue(new DecimalType(round(weight)));
        }
      }
    }
    return output;
  }

  @Operation(name = "$linkage-review-decide", idempotent = false)
  public Parameters decide(
      @OperationParam(name = "review", min = 1, max = 1) StringType review,
      @OperationParam(name = "decision", min = 1, max = 1) CodeType decision,
      HttpServletRequest request) {
    long id;
    try {
      id = Long.parseLong(review == null ? "" : review.getValue());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("parameter 'review' must be a review id");
    }
    String choice = decision == null ? null : decision.getValue();
    if (!"link".equals(choice) && !"no-link".equals(choice) && !"unlink".equals(choice)) {
      throw new InvalidRequestException(
          "parameter 'decision' must be 'link', 'no-link' or 'unlink'");
    }
    String admin = Caller.current().map(Caller::id).orElse("unknown");
    if (choice.equals("unlink")) {
      if (!list.unlink(id, admin)) {
        throw new ResourceNotFoundException("no linked review " + id);
      }
    } else if (!list.decide(id, choice.equals("link"), admin)) {
      throw new ResourceNotFoundException("no open review " + id);
    }
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, "linkage review " + id + ": " + choice);
    Parameters output = new Parameters();
    output.addParameter().setName("review").setValue(new StringType(String.valueOf(id)));
    output.addParameter().setName("decision").setValue(new CodeType(choice));
    return output;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
