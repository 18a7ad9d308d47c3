package org.ccpfhir.mdssearch.disclosure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The disclosure policy of the central count search ({@code ccp.disclosure.*}): every count that
 * leaves the server passes it (DESIGN "Counting and disclosure control", README "Disclosure
 * control").
 *
 * @param floor true counts from 0 to {@code floor - 1} are released as "&lt;floor" (a data-absent
 *     extension instead of a number)
 * @param rounding released counts are multiples of this (unbiased random rounding by the cell key)
 * @param hourlyBudget released cells one user may receive per rolling hour (a total is one cell, a
 *     stratum one cell each)
 * @param weeklyBudget released cells one user may receive per rolling week (7 days)
 * @param samplingRate the share of records that count in released numbers (the record sample: a
 *     secret, fixed choice by record key; counts are scaled up by its inverse); 1 = every record
 * @param limits the largest request that is evaluated at all
 */
@Validated
@ConfigurationProperties("ccp.disclosure")
public record DisclosureProperties(
    @DefaultValue("10") @Min(1) @Max(1000) int floor,
    @DefaultValue("10") @Min(1) @Max(1000) int rounding,
    @DefaultValue("10000") @Min(1) int hourlyBudget,
    @DefaultValue("100000") @Min(1) int weeklyBudget,
    @DefaultValue("1") @DecimalMin("0.01") @DecimalMax("1") double samplingRate,
    @DefaultValue @Valid Limits limits) {

  /**
   * Bounds of one request, checked before anything is evaluated or charged; beyond them: 400.
   *
   * @param maxTerms search terms in the criteria (every value of every parameter of every search
   *     expression; an expression without values is one term)
   * @param maxStratifiers stratifiers of the Measure's group (the group itself is always one)
   * @param maxComponents components of one cross stratifier (there are four dimensions)
   * @param maxCells cells one request releases (totals plus every stratum of every stratifier)
   */
  public record Limits(
      @DefaultValue("100") @Min(1) int maxTerms,
      @DefaultValue("10") @Min(1) int maxStratifiers,
      @DefaultValue("4") @Min(1) @Max(4) int maxComponents,
      @DefaultValue("10000") @Min(3) int maxCells) {}
}
