package org.ccpfhir.bridgehead.approval;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Approval of decentralized searches at this site ({@code ccp.approval.*}).
 *
 * @param floor true counts 0 … floor−1 are released as "fewer than floor" (library {@code
 *     disclosure}, the network's release policy)
 * @param rounding released counts are multiples of it (perturbed and randomly rounded by the
 *     matches' cell key, so the same matches always release the same value)
 * @param autoRejectAfter optional site rule: requests nobody decided on within this time are
 *     rejected automatically (audited as automatic); unset = off
 * @param autoRuleInterval how often the automatic rule runs when it is on
 * @param cellKey the 32 bytes of {@code cell-key-file} as base64, instead of the file; wins when
 *     set
 * @param cellKeyFile 32 random bytes: this site's secret for the record keys of the release policy
 *     (HMAC of the patient's id); created on first start when missing
 */
@Validated
@ConfigurationProperties("ccp.approval")
public record ApprovalProperties(
    @Min(1) @DefaultValue("10") int floor,
    @Min(1) @DefaultValue("10") int rounding,
    Duration autoRejectAfter,
    @NotNull @DefaultValue("PT1M") Duration autoRuleInterval,
    @NotNull Path cellKeyFile,
    @DefaultValue("") String cellKey) {}
