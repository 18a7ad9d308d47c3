package org.ccpfhir.identity.central.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The central patient list role ({@code ccp.central-list.*}).
 *
 * @param enabled run this app as (or also as) the central patient list
 * @param ticketTtl how long a ticket from the generator may wait for the site's redemption
 * @param matchThreshold score (Fellegi–Sunter weight as a share of full agreement's) from which
 *     control numbers name a known person
 * @param possibleMatchThreshold score from which a new person goes to the linkage admin's review
 * @param lshBands MinHash LSH bands (more: higher recall, more candidates per lookup)
 * @param lshRows MinHash values per band (more: fewer, closer candidates)
 * @param lshSeed fixes the MinHash functions (any value; keep it when the list restarts)
 * @param reencryptTargets components a pseudonym may be re-encrypted for, by name (e.g. {@code
 *     mds-search})
 */
@Validated
@ConfigurationProperties("ccp.central-list")
public record CentralListProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("PT5M") Duration ticketTtl,
    @DefaultValue("0.4") @DecimalMin("0.2") @DecimalMax("1.0") double matchThreshold,
    @DefaultValue("0.2") @DecimalMin("0.05") @DecimalMax("1.0") double possibleMatchThreshold,
    @DefaultValue("40") @Min(1) @Max(200) int lshBands,
    @DefaultValue("5") @Min(1) @Max(20) int lshRows,
    @DefaultValue("5") long lshSeed,
    @DefaultValue Map<String, @Valid Target> reencryptTargets) {

  /**
   * A re-encryption target.
   *
   * @param domain the target's pseudonym domain, e.g. {@code MDS-G}
   * @param certificate PEM file of the target's network certificate: only its key can open the
   *     answer (read at each call, so a renewed certificate is picked up)
   */
  public record Target(String domain, Path certificate) {}
}
