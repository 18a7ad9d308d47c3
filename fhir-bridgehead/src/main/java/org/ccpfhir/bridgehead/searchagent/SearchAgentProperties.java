package org.ccpfhir.bridgehead.searchagent;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The decentralized-search agent ({@code ccp.search-agent.*}).
 *
 * @param enabled poll the broker (needs TLS: the agent authenticates by the site certificate)
 * @param brokerUrl the broker's FHIR base, e.g. {@code https://broker.example/fhir}
 * @param pollWait how long each long-poll asks the broker to hold the request open
 * @param timeout connect timeout, and the extra time a poll may take beyond {@code pollWait}
 * @param minBackoff first pause after a failed poll; doubled per failure
 * @param maxBackoff longest pause between attempts while the broker is unreachable
 */
@Validated
@ConfigurationProperties("ccp.search-agent")
public record SearchAgentProperties(
    @DefaultValue("false") boolean enabled,
    URI brokerUrl,
    @NotNull @DefaultValue("PT20S") Duration pollWait,
    @NotNull @DefaultValue("PT10S") Duration timeout,
    @NotNull @DefaultValue("PT1S") Duration minBackoff,
    @NotNull @DefaultValue("PT1M") Duration maxBackoff) {}
