package org.ccpfhir.mdssearch.disclosure;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The disclosure policy of the central count search ({@code ccp.disclosure.*}): every count that
 * leaves the server passes it (DESIGN "Counting and disclosure control").
 *
 * @param floor true counts from 1 to {@code floor - 1} are released as "&lt;floor" (a data-absent
 *     extension instead of a number); 0 stays 0
 * @param rounding released counts are multiples of this (after the noise is added)
 * @param laplaceScale scale b of the Laplace noise added to every count of at least {@code floor}
 *     (privacy parameter epsilon = 1 / b for one count); 0 switches noise off
 * @param hourlyBudget counted queries one user may send per rolling hour
 * @param weeklyBudget counted queries one user may send per rolling week (7 days)
 */
@Validated
@ConfigurationProperties("ccp.disclosure")
public record DisclosureProperties(
    @DefaultValue("10") @Min(1) @Max(1000) int floor,
    @DefaultValue("10") @Min(1) @Max(1000) int rounding,
    @DefaultValue("5.0") @DecimalMin("0.0") double laplaceScale,
    @DefaultValue("60") @Min(1) int hourlyBudget,
    @DefaultValue("1000") @Min(1) int weeklyBudget) {}
