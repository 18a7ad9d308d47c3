package org.ccpfhir.bridgehead.approval;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Approval of decentralized searches at this site ({@code ccp.approval.*}).
 *
 * @param floor released counts 1 … floor−1 become "fewer than floor"
 * @param rounding released counts of floor and above are rounded to a multiple of it
 * @param autoRejectAfter optional site rule: requests nobody decided on within this time are
 *     rejected automatically (audited as automatic); unset = off
 * @param autoRuleInterval how often the automatic rule runs when it is on
 */
@Validated
@ConfigurationProperties("ccp.approval")
public record ApprovalProperties(
    @Min(1) @DefaultValue("10") int floor,
    @Min(1) @DefaultValue("10") int rounding,
    Duration autoRejectAfter,
    @NotNull @DefaultValue("PT1M") Duration autoRuleInterval) {}
