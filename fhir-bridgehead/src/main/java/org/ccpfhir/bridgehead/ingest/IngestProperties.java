package org.ccpfhir.bridgehead.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How clinical data enter the site store ({@code ccp.ingest.*}).
 *
 * @param validationThreads threads validating the entries of one bundle in parallel (0 = one per
 *     CPU core)
 * @param conditionalByIdentifier turn POST entries that carry a business identifier into
 *     conditional updates on that identifier, so that re-sending a bundle updates instead of
 *     duplicating
 * @param validator {@code FAST} (default): the MDS profiles compiled into direct checks on the
 *     parsed resources, an order of magnitude cheaper; resources it cannot decide (no MDS profile,
 *     contained resources, narrative, modifier extensions, ...) go to the HL7 validator, counted in
 *     {@code ccp.ingest.validator.fallbacks}. Same verdicts, elements and rules as {@code FULL}
 *     (proven by {@code ValidatorEquivalenceTest} and the profiles' equivalence tests). {@code
 *     FULL}: HAPI's HL7 instance validator for every resource, the reference
 * @param concurrentBundles bundles validated at the same time; more wait (bounds the memory that
 *     validation holds: a parsed multi-MB bundle and its element trees per bundle)
 * @param bundleWait how long a bundle waits for its turn before it is answered 429 with {@code
 *     Retry-After}
 */
@Validated
@ConfigurationProperties(prefix = "ccp.ingest")
public record IngestProperties(
    @DefaultValue("0") @Min(0) @Max(64) int validationThreads,
    @DefaultValue("true") boolean conditionalByIdentifier,
    @DefaultValue("FAST") @NotNull ValidatorKind validator,
    @DefaultValue("2") @Min(1) @Max(64) int concurrentBundles,
    @DefaultValue("PT10S") @NotNull Duration bundleWait) {

  /** Which validator checks ingested resources. */
  public enum ValidatorKind {
    FAST,
    FULL
  }

  /** The effective number of validation threads. */
  public int effectiveValidationThreads() {
    return validationThreads == 0 ? Runtime.getRuntime().availableProcessors() : validationThreads;
  }
}
