package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.restassured.path.json.JsonPath;
import java.util.Objects;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.profiles.shapes.ShapeFixtures;
import org.ccpfhir.profiles.shapes.ShapeFixtures.Shape;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * A batch is judged entry by entry (FHIR: batch entries succeed or fail on their own); a
 * transaction stays all or nothing.
 */
class BatchIngestIT extends PostgresIT {

  @Test
  void aBatchStoresItsValidEntriesAndAnswersTheInvalidOneWithItsOwn422() {
    String prefix = "b" + UUID.randomUUID().toString().substring(0, 8);
    Bundle bundle = ShapeFixtures.bundle(fhirContext, Shape.MDS, prefix, "X");
    bundle.setType(Bundle.BundleType.BATCH);
    int grading = breakGrading(bundle, prefix);

    JsonPath answer =
        fhir()
            .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
            .post()
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("type")).isEqualTo("batch-response");
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      String status = answer.getString("entry[" + i + "].response.status");
      if (i == grading) {
        assertThat(status).startsWith("422");
        assertThat(answer.getString("entry[" + i + "].response.outcome.resourceType"))
            .isEqualTo("OperationOutcome");
        assertThat(answer.getList("entry[" + i + "].response.outcome.issue.expression.flatten()"))
            .filteredOn(Objects::nonNull)
            .anySatisfy(e -> assertThat(e.toString()).startsWith("Bundle.entry[" + grading + "]"));
      } else {
        assertThat(status).as("entry " + i).startsWith("20");
      }
    }
    assertThat(client.read().resource(Condition.class).withId(prefix + "-mds-diagnosis").execute())
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                () ->
                    client
                        .read()
                        .resource(Observation.class)
                        .withId(prefix + "-mds-grading")
                        .execute(),
                ResourceNotFoundException.class))
        .isNotNull();
  }

  @Test
  void aTransactionWithTheSameInvalidEntryStoresNothing() {
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    Bundle bundle = ShapeFixtures.bundle(fhirContext, Shape.MDS, prefix, "X");
    breakGrading(bundle, prefix);

    fhir()
        .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(422);

    assertThat(
            client
                .search()
                .byUrl("Condition?_id=" + prefix + "-mds-diagnosis")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry())
        .isEmpty();
  }

  /** An unknown grading code (GradingVS is required); returns the entry's index. */
  private static int breakGrading(Bundle bundle, String prefix) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (bundle.getEntry().get(i).getResource() instanceof Observation o
          && o.getIdPart().equals(prefix + "-mds-grading")) {
        o.getValueCodeableConcept().getCodingFirstRep().setCode("not-a-grade");
        return i;
      }
    }
    throw new IllegalStateException("fixture without grading");
  }
}
