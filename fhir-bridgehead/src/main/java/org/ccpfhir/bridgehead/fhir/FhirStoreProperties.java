package org.ccpfhir.bridgehead.fhir;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the site's FHIR store ({@code ccp.fhir.*}).
 *
 * @param path servlet path under which the FHIR API is served, e.g. {@code /fhir}
 * @param defaultPageSize page size of search results when the client asks for none
 * @param maxPageSize largest page size a client may ask for
 * @param serverAddress public base URL used in links; empty = derived from the incoming request
 * @param historyEnabled keep every version of a resource (needed for audit-grade history; off makes
 *     ingest cheaper)
 * @param inlineResourceTextBelowSize resources whose JSON is shorter than this many characters are
 *     stored inline in the version row (faster than a separate large object)
 * @param massIngestion HAPI's mass-ingestion mode: fewer per-write checks, for sites that load
 *     their data in bulk
 */
@Validated
@ConfigurationProperties(prefix = "ccp.fhir")
public record FhirStoreProperties(
    @DefaultValue("/fhir") String path,
    @DefaultValue("20") @Min(1) @Max(1000) int defaultPageSize,
    @DefaultValue("500") @Min(1) @Max(10000) int maxPageSize,
    @DefaultValue("") String serverAddress,
    @DefaultValue("true") boolean historyEnabled,
    @DefaultValue("32000") @Min(0) int inlineResourceTextBelowSize,
    @DefaultValue("true") boolean massIngestion) {}
