package org.ccpfhir.testsupport.fuzz;

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

  static FuzzTarget target() {
    return new FuzzTarget("test")
        .post("$pseudonymize", "target", "patient", "original")
        .get("$upload-status", "count")
        .search("Patient", "birthdate", "identifier")
        .validBody(BUNDLE)
        .bodyPaths("", "Patient")
        .formPaths("/oauth2/token")
        .protectedEntry("GET", "AuditEvent")
        .protectedEntry("POST", "AuditEvent")
        .protectedEntry("POST", "$search-decide");
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
      if (request.body() != null && request.expect() == FuzzRequest.Expect.NO_SERVER_ERROR) {
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
            "junk-body",
            "oversized-body",
            "long-string",
            "big-junk",
            "entry-flood",
            "parameter-flood",
            "deep-json",
            "deep-xml",
            "entity-expansion",
            "login-names");
  }

  @Test
  void everyTenthRequestIsOverALimitAndBigBodiesAreFew() {
    List<FuzzRequest> requests = draw(5, 3000);
    for (FuzzRequest request : requests) {
      boolean limit = request.index() % HostileRequests.LIMIT_EVERY == 9;
      assertThat(limit).as(request.describe()).isEqualTo(isLimitShape(request.shape()));
    }
    assertThat(requests.stream().filter(r -> r.body() != null && r.body().length() >= 1 << 20))
        .hasSize(LimitShapes.BIG_BODIES)
        .allMatch(r -> r.expect() == FuzzRequest.Expect.REFUSED);
  }

  @Test
  void limitShapesAreJustOverTheDefaultLimits() {
    for (FuzzRequest request : draw(9, 5000)) {
      String body = request.body();
      switch (request.shape()) {
        case "oversized-body" -> assertThat(body.length()).isGreaterThan(LimitShapes.FHIR_BODY);
        case "long-string" ->
            assertThat(body.length())
                .isGreaterThan(LimitShapes.STRING_LENGTH)
                .isLessThan(LimitShapes.FHIR_BODY);
        case "entry-flood" ->
            assertThat(count(body, "\"request\"")).isGreaterThan(LimitShapes.BUNDLE_ENTRIES);
        case "parameter-flood" ->
            assertThat(count(body, "\"name\"")).isGreaterThan(LimitShapes.PARAMETERS);
        case "deep-json" ->
            assertThat(2 * count(body, "[")).isGreaterThan(LimitShapes.NESTING_DEPTH);
        case "deep-xml" ->
            assertThat(count(body, "<extension")).isGreaterThan(LimitShapes.NESTING_DEPTH);
        case "entity-expansion" -> {
          // small on the wire, GB when expanded
          assertThat(body).contains("<!ENTITY").hasSizeLessThan(200_000);
          assertThat(request.expect()).isEqualTo(FuzzRequest.Expect.REFUSED);
        }
        case "login-names" -> {
          int name = body.indexOf("&password") - "grant_type=password&username=".length();
          assertThat(request.expect())
              .isEqualTo(
                  name > LimitShapes.LOGIN_NAME_LENGTH
                      ? FuzzRequest.Expect.REFUSED
                      : FuzzRequest.Expect.NO_SERVER_ERROR);
        }
        default -> {}
      }
    }
  }

  @Test
  void loginNamesAreDistinct() {
    List<String> names =
        draw(13, 3000).stream()
            .filter(r -> r.shape().equals("login-names"))
            .map(r -> r.body().substring(0, r.body().indexOf("&password")))
            .toList();
    assertThat(names).hasSizeGreaterThan(20).doesNotHaveDuplicates();
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
  void batchEntriesOnlyWhenTheirSwitchIsOn() {
    assertThat(HostileRequests.BATCH_ENTRY_RULES).as("finding 1 is fixed on main").isTrue();
    for (FuzzRequest request : draw(3, 3000, false)) {
      assertThat(request.shape()).isNotEqualTo("batch-entries");
      assertThat(request.body() == null ? "" : request.body()).doesNotContain("\"method\":\"GET\"");
    }
    List<FuzzRequest> batches =
        draw(3, 3000, true).stream().filter(r -> r.shape().equals("batch-entries")).toList();
    assertThat(batches).hasSize(300);
    assertThat(batches).allMatch(r -> r.expect() == FuzzRequest.Expect.ENTRIES_REFUSED);
    assertThat(batches)
        .anyMatch(r -> r.body().contains("\"method\":\"GET\",\"url\":\"AuditEvent\""));
    assertThat(batches).anyMatch(r -> r.body().contains("\"type\":\"transaction\""));
    assertThat(batches)
        .anyMatch(r -> r.body().contains("\"resource\":{\"resourceType\":\"AuditEvent\""));
  }

  @Test
  void aBatchAnswerMustRefuseEveryProtectedEntryAndHoldNoAuditEvent() {
    FuzzRequest batch =
        new FuzzRequest(
            0,
            "batch-entries",
            "POST",
            "/fhir",
            "application/fhir+json",
            "{}",
            FuzzRequest.Expect.ENTRIES_REFUSED);
    assertThat(FuzzRun.expectationFailure(batch, 403, "{}")).isNull();
    assertThat(
            FuzzRun.expectationFailure(
                batch,
                200,
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"response\":{\"status\":\"403\"}}]}"))
        .isNull();
    assertThat(
            FuzzRun.expectationFailure(
                batch,
                200,
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"response\":{\"status\":\"403\"}},"
                    + "{\"response\":{\"status\":\"200 OK\"}}]}"))
        .contains("200 OK");
    assertThat(
            FuzzRun.expectationFailure(
                batch,
                200,
                "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":"
                    + "\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\": \"AuditEvent\"}}]},"
                    + "\"response\":{\"status\":\"403\"}}]}"))
        .contains("AuditEvent");
    FuzzRequest refused =
        new FuzzRequest(
            0,
            "entity-expansion",
            "POST",
            "/fhir",
            "application/fhir+xml",
            "<x/>",
            FuzzRequest.Expect.REFUSED);
    assertThat(FuzzRun.expectationFailure(refused, 201, "")).isNotNull();
    assertThat(FuzzRun.expectationFailure(refused, 413, "")).isNull();
  }

  private static boolean isLimitShape(String shape) {
    return List.of(
            "oversized-body",
            "long-string",
            "big-junk",
            "entry-flood",
            "parameter-flood",
            "deep-json",
            "deep-xml",
            "entity-expansion",
            "login-names")
        .contains(shape);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }

  private static List<FuzzRequest> draw(long seed, int count) {
    return draw(seed, count, false);
  }

  private static List<FuzzRequest> draw(long seed, int count, boolean batchEntries) {
    HostileRequests generator = new HostileRequests(seed, target(), batchEntries);
    List<FuzzRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(generator.next());
    }
    return requests;
  }
}
