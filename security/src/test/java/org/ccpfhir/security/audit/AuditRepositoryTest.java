package org.ccpfhir.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The audit store on H2 (the embedded default); {@code AuditRepositoryPostgresIT} on PostgreSQL.
 */
class AuditRepositoryTest {

  AuditRepository repository;
  AuditRecorder recorder;

  static DataSource h2() {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
  }

  @BeforeEach
  void setUp() {
    DataSource dataSource = h2();
    AuditRepository.SCHEMA.migrate(dataSource);
    repository = new AuditRepository(dataSource);
    recorder = new AuditRecorder(repository, "bridgehead.HD", 100, 50);
  }

  static AuditEntry entry(Instant when, String user, String interaction, int status) {
    return new AuditEntry(
        when,
        new AuditAgent(AuditAgent.Kind.USER, user, "HD", List.of("data-manager"), "127.0.0.1"),
        null,
        "rest",
        interaction,
        "R",
        "GET",
        "/fhir/Patient/1",
        "_count=5",
        status,
        AuditEntry.outcomeOf(status),
        null);
  }

  @Test
  void recordedEntriesAreSearchableAsAuditEvents() {
    Instant now = Instant.now();
    recorder.record(entry(now.minusSeconds(30), "alice", "read", 200));
    recorder.record(entry(now.minusSeconds(20), "bob", "search", 403));
    recorder.record(entry(now.minusSeconds(10), "alice", "search", 200));
    recorder.flush();

    List<AuditEvent> alice =
        repository.search(new AuditRepository.Query(null, null, "alice", null, null, null, 10, 0));
    assertThat(alice).hasSize(2);
    assertThat(alice.get(0).getSubtypeFirstRep().getCode()).isEqualTo("search");
    assertThat(alice.get(0).getSource().getObserver().getDisplay()).isEqualTo("bridgehead.HD");
    assertThat(alice.get(0).getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/1");
    assertThat(
            repository.search(new AuditRepository.Query(null, null, null, null, "4", null, 10, 0)))
        .hasSize(1);
    assertThat(
            repository.search(
                new AuditRepository.Query(
                    now.minusSeconds(25), now, null, null, null, null, 10, 0)))
        .hasSize(2);
    assertThat(
            repository.search(new AuditRepository.Query(null, null, null, null, null, null, 2, 2)))
        .hasSize(1);
    assertThat(repository.read(alice.get(0).getIdPart())).isPresent();
  }

  @Test
  void aFullQueueMakesTheRequestWriteItselfSoNothingIsDropped() {
    AuditRecorder tiny = new AuditRecorder(repository, "x", 1, 60_000);
    for (int i = 0; i < 25; i++) {
      tiny.record(entry(Instant.now(), "u" + i, "read", 200));
    }
    tiny.close();

    assertThat(repository.search(AuditRepository.Query.all())).hasSize(25);
  }

  @Test
  void recordsSurviveADatabaseOutage() {
    DataSource flaky = h2();
    AuditRepository.SCHEMA.migrate(flaky);
    AuditRepository store = new AuditRepository(flaky);
    AuditRecorder outageRecorder = new AuditRecorder(store, "x", 100, 60_000);
    new org.springframework.jdbc.core.JdbcTemplate(flaky)
        .execute("ALTER TABLE ccp_audit_event RENAME TO ccp_audit_event_away");
    outageRecorder.record(entry(Instant.now(), "during-outage", "read", 200));

    assertThatThrownBy(outageRecorder::flush).isInstanceOf(RuntimeException.class);
    new org.springframework.jdbc.core.JdbcTemplate(flaky)
        .execute("ALTER TABLE ccp_audit_event_away RENAME TO ccp_audit_event");
    outageRecorder.flush();

    assertThat(store.search(AuditRepository.Query.all()))
        .extracting(e -> e.getAgentFirstRep().getWho().getIdentifier().getValue())
        .containsExactly("during-outage");
  }

  @Test
  void thePurgeDeletesOldRecordsAndAuditsItself() {
    Instant now = Instant.now();
    recorder.record(entry(now.minus(Duration.ofDays(200)), "old", "read", 200));
    recorder.record(entry(now.minus(Duration.ofDays(10)), "recent", "read", 200));
    AuditPurgeJob job =
        new AuditPurgeJob(repository, recorder, Duration.ofDays(90), Clock.systemUTC());

    assertThat(job.purge()).isEqualTo(1);

    List<AuditEvent> left = repository.search(AuditRepository.Query.all());
    assertThat(left)
        .extracting(e -> e.getAgentFirstRep().getWho().getIdentifier().getValue())
        .doesNotContain("old")
        .contains("recent");
    assertThat(left).anySatisfy(e -> assertThat(e.getOutcomeDesc()).startsWith("purged 1 audit"));
  }

  @Test
  void retentionMustBeBetweenOneAndSixMonths() {
    assertThatThrownBy(() -> properties(Duration.ofDays(7)))
        .hasMessageContaining("between P30D and P184D");
    assertThatThrownBy(() -> properties(Duration.ofDays(365)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(properties(Duration.ofDays(180)).retention()).isEqualTo(Duration.ofDays(180));
  }

  private static AuditProperties properties(Duration retention) {
    return new AuditProperties(
        true,
        "x",
        retention,
        "0 0 3 * * *",
        List.of("/fhir"),
        List.of(),
        100,
        Duration.ofMillis(100));
  }

  @Test
  void theFilterRecordsEveryRequestWithItsCallerAndOutcome() throws Exception {
    AuditRequestFilter filter =
        new AuditRequestFilter(recorder, List.of("/fhir"), List.of("/actuator/health"));
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
    request.setQueryString("name=Zwiebelmeier&_count=3");
    request.setAttribute(
        AuditAgent.REQUEST_ATTRIBUTE,
        new AuditAgent(AuditAgent.Kind.USER, "dm", "HD", List.of("data-manager"), "10.0.0.1"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(403);
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, "role missing");
    filter.doFilter(request, response, new MockFilterChain());
    filter.doFilter(
        new MockHttpServletRequest("GET", "/actuator/health"),
        new MockHttpServletResponse(),
        new MockFilterChain());
    MockHttpServletRequest failing = new MockHttpServletRequest("POST", "/fhir");
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    failing,
                    new MockHttpServletResponse(),
                    (req, res) -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    recorder.flush();

    List<AuditEvent> events = repository.search(AuditRepository.Query.all());
    assertThat(events).hasSize(2);
    AuditEvent search =
        events.stream().filter(e -> e.getOutcome().toCode().equals("4")).findFirst().orElseThrow();
    assertThat(search.getOutcomeDesc()).isEqualTo("role missing");
    assertThat(new String(search.getEntityFirstRep().getQuery())).isEqualTo("name=***&_count=3");
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.getOutcome().toCode()).isEqualTo("8");
              assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("transaction");
              assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue())
                  .isEqualTo("anonymous");
            });
  }
}
