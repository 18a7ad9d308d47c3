package org.ccpfhir.bridgehead.biobank;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sample management ({@code ccp.biobank.*}).
 *
 * @param exportMaxRows largest number of samples one CSV export holds (the file is built in
 *     memory); a filter that selects more is refused with 422
 */
@Validated
@ConfigurationProperties("ccp.biobank")
public record BiobankProperties(
    @DefaultValue("100000") @Min(1) @Max(1_000_000) int exportMaxRows) {}
