package org.ccpfhir.bridgehead.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.central.CentralListRepository;
import org.ccpfhir.security.audit.AuditRepository;
import org.ccpfhir.security.retention.RetentionPurgeJob;
import org.junit.jupiter.api.Test;

/** The running central patient list purges expired tickets with its audited retention job. */
class TicketRetentionIT {

  @Test
  void theCentralListPurgesExpiredTicketsAndAuditsIt() {
    var centralList = IdentityNetwork.shared().centralList;
    CentralListRepository tickets =
        new CentralListRepository(centralList.getBean(DataSource.class));
    String expired = "expired-" + UUID.randomUUID();
    String valid = "valid-" + UUID.randomUUID();
    tickets.insertTicket(expired, "HD", "numbers", Instant.now().minusSeconds(60).toEpochMilli());
    tickets.insertTicket(valid, "HD", "numbers", Instant.now().plusSeconds(600).toEpochMilli());

    var purged = centralList.getBean(RetentionPurgeJob.class).purgeAll();

    assertThat(purged).containsKey("tickets");
    assertThat(purged.get("tickets")).isPositive();
    assertThat(tickets.takeTicket(expired)).isEmpty();
    assertThat(tickets.takeTicket(valid)).isPresent();
    assertThat(
            centralList
                .getBean(AuditRepository.class)
                .search(new AuditRepository.Query(null, null, null, "purge", null, null, 20, 0)))
        .anySatisfy(
            event ->
                assertThat(event.getOutcomeDesc())
                    .startsWith("purged ")
                    .contains("expired control-number tickets"));
  }
}
