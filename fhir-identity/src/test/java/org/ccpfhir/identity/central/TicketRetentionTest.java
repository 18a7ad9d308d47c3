package org.ccpfhir.identity.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.central.api.TicketRetentionConfig;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.audit.AuditRepository;
import org.ccpfhir.security.retention.RetentionProperties;
import org.ccpfhir.security.retention.RetentionPurgeJob;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Expired tickets go with the scheduled, audited retention purge. */
class TicketRetentionTest {

  private static final Instant NOW = Instant.parse("2026-06-01T03:45:00Z");

  @Test
  void expiredTicketsArePurgedAndThePurgeIsAudited() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    CentralListRepository.SCHEMA.migrate(dataSource);
    AuditRepository.SCHEMA.migrate(dataSource);
    CentralListRepository tickets = new CentralListRepository(dataSource);
    tickets.insertTicket(
        "expired-long-ago", "HD", "numbers", NOW.minusSeconds(7200).toEpochMilli());
    tickets.insertTicket("expired-just-now", "HD", "numbers", NOW.minusSeconds(60).toEpochMilli());
    tickets.insertTicket("still-valid", "HD", "numbers", NOW.plusSeconds(60).toEpochMilli());
    AuditRepository audit = new AuditRepository(dataSource);
    AuditRecorder recorder = new AuditRecorder(audit, "central-list", 100, 50);
    RetentionPurgeJob job =
        new RetentionPurgeJob(
            List.of(new TicketRetentionConfig().ticketRetention(dataSource)),
            new RetentionProperties("0 45 3 * * *", Map.of("tickets", Duration.ofHours(1))),
            recorder,
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(job.purgeAll()).containsEntry("tickets", 1);
    assertThat(tickets.takeTicket("expired-long-ago")).isEmpty();
    assertThat(tickets.takeTicket("expired-just-now")).isPresent();
    assertThat(tickets.takeTicket("still-valid")).isPresent();
    assertThat(audit.search(new AuditRepository.Query(null, null, null, "purge", null, null, 5, 0)))
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getOutcomeDesc())
                    .isEqualTo(
                        "purged 1 expired control-number tickets before 2026-06-01T02:45:00Z"));
    recorder.close();
  }
}
