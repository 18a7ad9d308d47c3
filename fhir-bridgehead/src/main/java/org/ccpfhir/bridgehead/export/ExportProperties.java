package org.ccpfhir.bridgehead.export;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The k-anonymous study export {@code $export-study} ({@code ccp.export.*}).
 *
 * @param defaultK k when the request names none: every combination of quasi-identifiers in an
 *     export occurs at least this often
 * @param maxSuppression share of a cohort whose records may be left out instead of generalising
 *     everyone further (rare combinations, e.g. rare entity codes)
 * @param maxCohortSize the largest cohort one request may export (the whole cohort is held in
 *     memory and the generalisation lattice is evaluated over it)
 * @param pseudonymKeyFile 32 random bytes: the key of the per-study pseudonyms (HMAC of study and
 *     local pseudonym, so one patient keeps its study pseudonym across exports of a study and has
 *     unrelated ones in different studies); created on first start when missing
 * @param pseudonymKey the same 32 bytes as base64, instead of the file; wins when set
 * @param studies registered studies by study id: their certificate, for which the export's study
 *     key is wrapped (a request for a registered study cannot divert the export to another key)
 */
@Validated
@ConfigurationProperties("ccp.export")
public record ExportProperties(
    @DefaultValue("5") @Min(1) @Max(1000) int defaultK,
    @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("0.5") double maxSuppression,
    @DefaultValue("20000") @Min(1) int maxCohortSize,
    @NotNull Path pseudonymKeyFile,
    @DefaultValue("") String pseudonymKey,
    Map<String, @Valid Study> studies) {

  public ExportProperties {
    studies = studies == null ? Map.of() : Map.copyOf(studies);
  }

  /**
   * A registered study.
   *
   * @param certificate PEM file of the study's X.509 certificate (RSA key)
   */
  public record Study(@NotNull Path certificate) {}
}
