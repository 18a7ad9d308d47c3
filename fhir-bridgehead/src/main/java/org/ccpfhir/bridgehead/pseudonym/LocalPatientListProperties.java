package org.ccpfhir.bridgehead.pseudonym;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The site's local patient list ({@code ccp.local-patient-list.*}).
 *
 * @param site the site code in local pseudonyms ({@code BK<site>L}, identifier system {@code
 *     .../sid/pseudonym/BK-<site>-L})
 * @param keyFile 64 random bytes: the AES-256 key encrypting IDAT at rest and the secret of the
 *     blocking keys; created on first start when missing (owner-only file). Losing it makes the
 *     list unreadable: back it up separately from the database.
 * @param key the same 64 bytes as base64, instead of the file (e.g. from a secret store); wins over
 *     {@code keyFile} when set
 * @param matchThreshold EpiLink score from which a person counts as known
 * @param possibleMatchThreshold score from which a new person goes to the review list
 * @param datasource a database of the list's own (IDAT apart from the MDAT); empty url: the
 *     bridgehead's database
 */
@Validated
@ConfigurationProperties("ccp.local-patient-list")
public record LocalPatientListProperties(
    @DefaultValue("HD") @Pattern(regexp = "[A-Z0-9]{1,12}") String site,
    @NotNull Path keyFile,
    @DefaultValue("") String key,
    @DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax("1.0") double matchThreshold,
    @DefaultValue("0.80") @DecimalMin("0.3") @DecimalMax("1.0") double possibleMatchThreshold,
    @Valid @DefaultValue Database datasource) {

  /**
   * The local patient list's own database.
   *
   * @param url JDBC URL (PostgreSQL: a schema of its own with {@code ?currentSchema=…}); empty:
   *     share the bridgehead's database
   * @param username database user (give it rights on the list's tables only)
   * @param password its password
   * @param maxPoolSize connections of the list's pool
   * @param minIdle connections kept open while the list is idle (the pool shrinks to this)
   * @param idleTimeout how long a connection beyond {@code minIdle} stays open unused (at least 10
   *     s)
   */
  public record Database(
      @DefaultValue("") String url,
      @DefaultValue("") String username,
      @DefaultValue("") String password,
      @DefaultValue("5") @Min(1) int maxPoolSize,
      @DefaultValue("1") @Min(0) int minIdle,
      @DefaultValue("PT30S") @NotNull Duration idleTimeout) {}

  public String localDomain() {
    return "BK-" + site + "-L";
  }
}
