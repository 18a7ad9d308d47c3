package org.ccpfhir.mdssearch.fhir;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The researchers' FHIR count search ({@code ccp.count-search.*}).
 *
 * @param path where the FHIR server is mounted
 * @param sites the network's sites by code (e.g. {@code HD}): name and contact, shown with the site
 *     stratum as a contained Organization
 */
@Validated
@ConfigurationProperties("ccp.count-search")
public record CountSearchProperties(
    @DefaultValue("/fhir") @NotBlank @Pattern(regexp = "/[a-z0-9/-]*") String path,
    @DefaultValue Map<String, @Valid Site> sites) {

  /**
   * A site's public contact.
   *
   * @param name the site's name (e.g. the cancer centre)
   * @param email contact address for researchers
   * @param phone contact telephone, optional
   */
  public record Site(
      @NotBlank String name, @NotBlank String email, @DefaultValue("") String phone) {}
}
