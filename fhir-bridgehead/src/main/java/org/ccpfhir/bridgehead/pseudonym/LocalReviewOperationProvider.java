package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Locale;
import java.util.Map;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The data manager's review list of the local patient list: {@code $local-review-list} shows the
 * possible matches (pseudonym pairs, score, per-field similarities — never IDAT); {@code
 * $local-review-decide} links them (same person: the newer pseudonym is retired and points to the
 * older) or keeps them apart.
 */
@Component
public class LocalReviewOperationProvider implements FhirProvider {

  private final LocalPatientList localPatientList;
  private final LocalPatientListProperties properties;
  private final PatientRelinker relinker;

  public LocalReviewOperationProvider(
      LocalPatientList localPatientList,
      LocalPatientListProperties properties,
      PatientRelinker relinker) {
    this.localPatientList = localPatientList;
    this.properties = properties;
    this.relinker = relinker;
  }

  @Operation(name = "$local-review-list", idempotent = true)
  public Parameters list() {
    Parameters output = new Parameters();
    for (Map<String, Object> review : localPatientList.openReviews()) {
      Parameters.ParametersParameterComponent part = output.addParameter().setName("review");
      part.addPart().setName("id").setValue(new StringType((String) review.get("id")));
      part.addPart().setName("pseudonym").setValue(identifier((String) review.get("bk_local_id")));
      part.addPart().setName("candidate").setValue(identifier((String) review.get("candidate_id")));
      part.addPart()
          .setName("score")
          .setValue(new DecimalType(((Number) review.get("score")).doubleValue()));
      part.addPart()
          .setName("similarities")
          .setValue(new StringType((String) review.get("similarities")));
    }
    return output;
  }

  @Operation(name = "$local-review-decide")
  public Parameters decide(
      @OperationParam(name = "review", min = 1, max = 1) StringType review,
      @OperationParam(name = "decision", min = 1, max = 1) CodeType decision) {
    if (review == null || decision == null) {
      throw new InvalidRequestException("parameters 'review' and 'decision' are required");
    }
    LocalPatientList.Decision choice;
    try {
      choice =
          LocalPatientList.Decision.valueOf(
              decision.getValue().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("parameter 'decision' must be 'link' or 'no-link'");
    }
    String newer =
        localPatientList
            .reviewedPseudonym(review.getValue())
            .orElseThrow(() -> new ResourceNotFoundException("no open review with this id"));
    String kept =
        localPatientList
            .decide(review.getValue(), choice)
            .orElseThrow(() -> new ResourceNotFoundException("no open review with this id"));
    Parameters output = new Parameters();
    output.addParameter().setName("pseudonym").setValue(identifier(kept));
    if (choice == LocalPatientList.Decision.LINK) {
      int moved = relinker.relink(identifier(kept).getSystem(), newer, kept);
      output.addParameter("relinkedPatients", new IntegerType(moved));
    }
    return output;
  }

  private Identifier identifier(String value) {
    return new Identifier()
        .setSystem(PseudonymSystems.of(properties.localDomain()))
        .setValue(value);
  }
}
