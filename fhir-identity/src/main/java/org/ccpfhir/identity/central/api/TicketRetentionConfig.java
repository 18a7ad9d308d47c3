package org.ccpfhir.identity.central.api;

import java.time.Duration;
import javax.sql.DataSource;
import org.ccpfhir.identity.central.CentralListRepository;
import org.ccpfhir.security.retention.RetentionPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retention of the central list's control-number tickets: unredeemed tickets are deleted once
 * expired (by default right away; {@code ccp.retention.keep.tickets} keeps them longer), by the
 * security layer's scheduled, audited {@code RetentionPurgeJob}. Registering a ticket also deletes
 * expired ones on the way, unaudited; the scheduled purge makes sure they go even when no ticket is
 * registered, and leaves a record that they did.
 */
@Configuration
@ConditionalOnProperty(name = "ccp.central-list.enabled", havingValue = "true")
public class TicketRetentionConfig {

  @Bean
  public RetentionPolicy ticketRetention(DataSource dataSource) {
    CentralListRepository repository = new CentralListRepository(dataSource);
    return new RetentionPolicy(
        "tickets",
        "expired control-number tickets",
        Duration.ZERO,
        cutoff -> repository.purgeExpiredTickets(cutoff.toEpochMilli()));
  }
}
