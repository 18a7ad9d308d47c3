package org.ccpfhir.bridgehead.subjectaccess;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access requests of data subjects ({@code ccp.access-request.*}).
 *
 * @param retention how long a case and its export are kept after the request (1 to 92 days; the
 *     answer to the patient is due within a month, GDPR Art. 12(3)); then the retention purge
 *     (policy {@code access-requests}) deletes them
 */
@Validated
@ConfigurationProperties("ccp.access-request")
public record AccessRequestProperties(
    @DefaultValue("P30D") @NotNull @DurationMin(days = 1) @DurationMax(days = 92)
        Duration retention) {}
