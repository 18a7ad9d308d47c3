package org.ccpfhir.security.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.audit.AuditRepository;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class RetentionPurgeJobTest {

  private static final Instant NOW = Instant.parse("2026-06-01T03:45:00Z");

  AuditRepository repository;
  AuditRecorder recorder;
  final List<Instant> ticketCutoffs = new ArrayList<>();

  @BeforeEach
  void setUp() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    AuditRepository.SCHEMA.migrate(dataSource);
    repository = new AuditRepository(dataSource);
    recorder = new AuditRecorder(repository, "central-list", 100, 50);
  }

  private RetentionPolicy tickets() {
    return new RetentionPolicy(
        "tickets",
        "expired tickets",
        Duration.ZERO,
        cutoff -> {
          ticketCutoffs.add(cutoff);
          return 3;
        });
  }

  private List<AuditEvent> purgeRecords() {
    return repository.search(
        new AuditRepository.Query(null, null, null, "purge", null, null, 10, 0));
  }

  @Test
  void everyPolicyIsPurgedAtItsRetentionAndAudited() {
    RetentionPolicy tasks =
        new RetentionPolicy("tasks", "finished Tasks", Duration.ofDays(30), cutoff -> 7);
    RetentionPurgeJob job =
        new RetentionPurgeJob(
            List.of(tickets(), tasks),
            new RetentionProperties("0 45 3 * * *", Map.of("tickets", Duration.ofHours(24))),
            recorder,
            Clock.fixed(NOW, ZoneOffset.UTC));

    Map<String, Integer> purged = job.purgeAll();

    assertThat(purged).containsEntry("tickets", 3).containsEntry("tasks", 7);
    assertThat(ticketCutoffs).containsExactly(NOW.minus(Duration.ofHours(24)));
    assertThat(purgeRecords())
        .extracting(AuditEvent::getOutcomeDesc)
        .containsExactlyInAnyOrder(
            "purged 3 expired tickets before 2026-05-31T03:45:00Z",
            "purged 7 finished Tasks before 2026-05-02T03:45:00Z");
    assertThat(purgeRecords()).allSatisfy(e -> assertThat(e.getOutcome().toCode()).isEqualTo("0"));
  }

  @Test
  void aFailingPurgeIsAuditedAsFailedAndTheOthersStillRun() {
    RetentionPolicy broken =
        new RetentionPolicy(
            "sessions",
            "expired sessions",
            Duration.ofHours(1),
            cutoff -> {
              throw new IllegalStateException("row 'Erika Mustermann' locked");
            });
    RetentionPurgeJob job =
        new RetentionPurgeJob(
            List.of(broken, tickets()),
            new RetentionProperties("0 45 3 * * *", null),
            recorder,
            Clock.fixed(NOW, ZoneOffset.UTC));

    Map<String, Integer> purged = job.purgeAll();

    assertThat(purged).containsEntry("sessions", -1).containsEntry("tickets", 3);
    assertThat(purgeRecords())
        .anySatisfy(
            e -> {
              assertThat(e.getOutcome().toCode()).isEqualTo("8");
              assertThat(e.getOutcomeDesc())
                  .contains("expired sessions", "IllegalStateException")
                  .doesNotContain("Mustermann");
            });
  }

  @Test
  void retentionsMustNotBeNegative() {
    assertThatThrownBy(
            () -> new RetentionPolicy("tickets", "tickets", Duration.ofHours(-1), c -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RetentionProperties("0 45 3 * * *", Map.of("tickets", Duration.ofHours(-1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetentionPolicy("Tickets!", "tickets", Duration.ZERO, c -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
