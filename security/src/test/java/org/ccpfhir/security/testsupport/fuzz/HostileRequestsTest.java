package org.ccpfhir.security.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostileRequestsTest {

  private static final String BUNDLE =
      "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":"
          + "\"urn:uuid:1\",\"resource\":{\"resourceType\":\"Patient\",\"birthDate\":\"1970-01-01\"},"
          + "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},{\"resource\":{\"resourceType\":"
          + "\"Observation\",\"subject\":{\"reference\":\"urn:uuid:1\"}},\"request\":{\"method\":"
          + "\"POST\",\"url\":\"Observation\"}}]}";

  private static FuzzTarget target() {
    return new FuzzTarget("test")
        .post("$pseudonymize", "target", "patient", "original")
        .get("$upload-status", "count")
        .search("Patient", "birthdate", "identifier")
        .validBody(BUNDLE)
        .bodyPaths("", "Patient")
        .formPaths("/oauth2/token");
  }

  @Test
  void theSameSeedGivesTheSameRequests() {
    assertThat(draw(42, 500)).isEqualTo(draw(42, 500));
    assertThat(draw(42, 500)).isNotEqualTo(draw(43, 500));
  }

  @Test
  void everyShapeIsDrawnAndEveryRequestCanBeSent() {
    Set<String> shapes = new HashSet<>();
    for (FuzzRequest request : draw(7, 3000)) {
      shapes.add(request.shape());
      assertThatCode(() -> URI.create("https://localhost:1" + request.path()))
          .as(request.describe())
          .doesNotThrowAnyException();
      assertThat(request.path()).startsWith("/");
      if (request.body() != null) {
        assertThat(request.body().length()).isLessThanOrEqualTo(HostileRequests.MAX_BODY);
      }
    }
    assertThat(shapes)
        .containsExactlyInAnyOrder(
            "parameters",
            "body-mutation",
            "search",
            "operation-query",
            "path",
            "xml",
            "form",
            "junk-body");
  }

  @Test
  void parametersAreBrokenInTheWaysTheReviewFound() {
    List<String> bodies =
        draw(11, 3000).stream()
            .filter(r -> r.shape().equals("parameters"))
            .map(FuzzRequest::body)
            .toList();
    // a nameless entry, a valueless entry, a patient that is not a resource
    assertThat(bodies).anyMatch(b -> b.contains("[{\"valueString\""));
    assertThat(bodies).anyMatch(b -> b.contains("{\"name\":\"target\"}"));
    assertThat(bodies).anyMatch(b -> b.matches(".*\"name\":\"patient\",\"value.*"));
  }

  @Test
  void shapesOwnedByOtherFindingsAreNotGenerated() {
    for (FuzzRequest request : draw(3, 3000)) {
      // finding 1: no batch Bundles with GET entries
      assertThat(request.body() == null ? "" : request.body())
          .doesNotContain("\"type\":\"batch\"")
          .doesNotContain("\"method\":\"GET\"");
    }
  }

  private static List<FuzzRequest> draw(long seed, int count) {
    HostileRequests generator = new HostileRequests(seed, target());
    List<FuzzRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(generator.next());
    }
    return requests;
  }
}
