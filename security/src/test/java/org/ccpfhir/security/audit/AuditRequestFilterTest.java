package org.ccpfhir.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * An audit record is durable before the answer it records leaves (§5.1): the attack is a process
 * that dies right after the answer went out — the record must already be stored, so the test looks
 * at what the client had received when the records were written.
 */
class AuditRequestFilterTest {

  /** Stores nothing; notes each batch and how much of the answer the client had at that moment. */
  static final class WatchingRepository extends AuditRepository {

    final List<List<AuditEntry>> batches = new ArrayList<>();
    final List<Integer> bytesSentBeforeBatch = new ArrayList<>();
    MockHttpServletResponse client;
    boolean down;

    WatchingRepository() {
      super(dataSource());
    }

    private static JdbcDataSource dataSource() {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:unused");
      return dataSource;
    }

    @Override
    public void insert(List<AuditEntry> entries) {
      if (down) {
        throw new IllegalStateException("database unreachable");
      }
      batches.add(List.copyOf(entries));
      bytesSentBeforeBatch.add(client == null ? 0 : client.getContentAsByteArray().length);
    }

    List<AuditEntry> stored() {
      return batches.stream().flatMap(List::stream).toList();
    }
  }

  private final WatchingRepository repository = new WatchingRepository();
  private final AuditRecorder recorder = new AuditRecorder(repository, "test", 100, 3_600_000);
  private final AuditRequestFilter filter =
      new AuditRequestFilter(recorder, List.of("/fhir"), List.of("/actuator/health"));
  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  {
    repository.client = response;
  }

  @AfterEach
  void close() {
    repository.down = false;
    recorder.close();
  }

  private AuditEntry release(String detail) {
    return new AuditEntry(
        Instant.now(),
        AuditAgent.anonymous("127.0.0.1"),
        null,
        "release",
        "release",
        "E",
        null,
        "/fhir/Measure/$evaluate-measure",
        null,
        200,
        AuditEntry.outcomeOf(200),
        detail);
  }

  @Test
  void theRequestsRecordsAreStoredTogetherBeforeTheFirstByteOfTheAnswer() throws Exception {
    FilterChain chain =
        (req, res) -> {
          recorder.record(release("patients true=7 released=10"));
          res.setContentType("application/fhir+json");
          res.getWriter().write("{\"count\":10}");
          res.getWriter().flush();
        };

    filter.doFilter(request, response, chain);

    assertThat(repository.batches).hasSize(1);
    assertThat(repository.batches.get(0))
        .extracting(AuditEntry::category)
        .containsExactly("release", "rest");
    assertThat(repository.bytesSentBeforeBatch).containsExactly(0);
    assertThat(response.getContentAsString()).isEqualTo("{\"count\":10}");
  }

  @Test
  void aStreamedAnswerIsHeldUntilTheRecordIsStored() throws Exception {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    FilterChain chain =
        (req, res) -> {
          for (int i = 0; i < 16; i++) {
            res.getOutputStream().write(chunk);
            res.flushBuffer();
          }
        };

    filter.doFilter(request, response, chain);

    assertThat(repository.bytesSentBeforeBatch).containsExactly(0);
    assertThat(repository.stored()).singleElement().extracting(AuditEntry::status).isEqualTo(200);
    assertThat(response.getContentAsByteArray()).hasSize(16 * chunk.length);
  }

  @Test
  void aRefusalIsStoredWithItsStatusBeforeTheErrorIsSent() throws Exception {
    FilterChain chain =
        (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).sendError(403);

    filter.doFilter(request, response, chain);

    assertThat(repository.stored()).singleElement().extracting(AuditEntry::status).isEqualTo(403);
    assertThat(response.getStatus()).isEqualTo(403);
  }

  @Test
  void anEmptyAnswerIsStoredBeforeTheFilterReturns() throws Exception {
    FilterChain chain =
        (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(204);

    filter.doFilter(request, response, chain);

    assertThat(repository.stored()).singleElement().extracting(AuditEntry::status).isEqualTo(204);
  }

  @Test
  void aFailedRequestIsStoredAs500() {
    FilterChain chain =
        (req, res) -> {
          throw new ServletException("handler broke");
        };

    assertThatThrownBy(() -> filter.doFilter(request, response, chain))
        .isInstanceOf(ServletException.class);
    assertThat(repository.stored()).singleElement().extracting(AuditEntry::status).isEqualTo(500);
  }

  @Test
  void withoutAnAuditTrailTheAnswerIsWithheld() throws Exception {
    repository.down = true;
    FilterChain chain =
        (req, res) -> {
          recorder.record(release("patients true=7 released=10"));
          res.getWriter().write("{\"count\":10}");
          res.getWriter().flush();
        };

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentAsString())
        .contains("OperationOutcome", "audit trail")
        .doesNotContain("count");

    // what happened is not lost: the release and a 503 access record wait for the database
    repository.down = false;
    recorder.flush();
    assertThat(repository.stored())
        .extracting(AuditEntry::category, AuditEntry::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("release", 200),
            org.assertj.core.groups.Tuple.tuple("rest", 503));
  }

  @Test
  void recordsOutsideARequestGoToTheBackgroundWriter() throws IOException {
    recorder.record(release("job"));

    assertThat(repository.batches).isEmpty();
    recorder.flush();
    assertThat(repository.stored()).hasSize(1);
  }
}
