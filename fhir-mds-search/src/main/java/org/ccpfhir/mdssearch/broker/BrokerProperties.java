package org.ccpfhir.mdssearch.broker;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The broker of decentralized searches ({@code ccp.broker.*}).
 *
 * @param sites codes of the network's sites: the recipients of a request that names none, and the
 *     only codes a request may name
 * @param maxWait longest time a site's long-poll search is held open (its {@code Prefer: wait=n} is
 *     capped to this)
 * @param maxValidity longest validity period a request may ask for
 * @param expiryInterval how often requests past their validity are expired
 */
@Validated
@ConfigurationProperties("ccp.broker")
public record BrokerProperties(
    @NotEmpty List<@Pattern(regexp = "[A-Z0-9]{1,16}") String> sites,
    @NotNull @DefaultValue("PT25S") Duration maxWait,
    @NotNull @DefaultValue("P365D") Duration maxValidity,
    @NotNull @DefaultValue("PT1M") Duration expiryInterval) {

  public BrokerProperties {
    // missing: the validation names the property instead of a NullPointerException
    sites = sites == null ? List.of() : List.copyOf(sites);
  }
}
