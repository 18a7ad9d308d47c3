package org.ccpfhir.bridgehead.terms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Terms of use ({@code ccp.terms.*}, CCP-IT §5.1): every user confirms them at first login and
 * after each new version; until then every FHIR call of the user is refused with 403.
 *
 * @param enabled require acceptance; off, nobody is asked (a site whose users accept elsewhere)
 * @param version the version of the text in force; a new version asks every user again
 * @param text the text shown to users (plain text, UTF-8), e.g. {@code file:/etc/ccp/terms.txt}
 * @param preAccepted users who count as having accepted every version (the demo's users, so the
 *     demo and its scripts run without a first-login step); demo profile only
 */
@Validated
@ConfigurationProperties("ccp.terms")
public record TermsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String version,
    @DefaultValue("classpath:terms/terms-of-use.md") @NotNull Resource text,
    @NotNull @DefaultValue List<String> preAccepted) {

  public TermsProperties {
    preAccepted = List.copyOf(preAccepted);
  }
}
