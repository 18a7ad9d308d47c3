package org.ccpfhir.security.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How users and applications authenticate ({@code ccp.auth.*}): OAuth2 bearer tokens (JWT),
 * validated against an external OpenID Connect provider or the embedded local issuer.
 *
 * @param issuerUri issuer URL of an external OpenID Connect provider (production); its discovery
 *     document and key set are fetched from there. Empty: tokens come from the local issuer.
 * @param rolesClaim claim holding the caller's roles, a dotted path for nested claims (e.g. {@code
 *     realm_access.roles} for Keycloak)
 * @param siteClaim claim holding the site code a user or application belongs to, if any
 * @param domainsClaim claim holding the pseudonym domains an application may use
 * @param groupsClaim claim holding the groups (departments) a user belongs to, a dotted path for
 *     nested claims; with an external identity provider, the provider's group claim (e.g. {@code
 *     groups}); the local issuer writes the users' configured groups into it
 * @param localIssuer the embedded token issuer for offline demos and tests
 */
@Validated
@ConfigurationProperties("ccp.auth")
public record AuthProperties(
    @DefaultValue("") String issuerUri,
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("site") @NotBlank String siteClaim,
    @DefaultValue("domains") @NotBlank String domainsClaim,
    @DefaultValue("groups") @NotBlank String groupsClaim,
    @Valid @NotNull @DefaultValue LocalIssuer localIssuer) {

  public boolean externalIssuer() {
    return !issuerUri.isBlank();
  }

  /**
   * The embedded issuer: users and applications from configuration, passwords and secrets stored
   * only as hashes ({@code {bcrypt}...}, see {@code PasswordEncoderFactories}).
   *
   * @param enabled serve {@code /oauth2/token}, {@code /oauth2/jwks} and the discovery document;
   *     ignored when {@code issuerUri} is set
   * @param issuer value of the {@code iss} claim of the tokens it issues
   * @param tokenLifetime how long an issued token is valid
   * @param maxFailedLogins failed password or secret checks for one name before it is locked
   * @param lockout how long a name stays locked after too many failures
   * @param users the users with their password hashes, roles and site
   * @param clients the applications (client credentials) with their secret hashes, roles, pseudonym
   *     domains and site
   */
  public record LocalIssuer(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("urn:ccp-fhir:local-issuer") @NotBlank String issuer,
      @DefaultValue("PT30M") @NotNull Duration tokenLifetime,
      @DefaultValue("5") @Min(1) int maxFailedLogins,
      @DefaultValue("PT5M") @NotNull Duration lockout,
      @DefaultValue List<@Valid User> users,
      @DefaultValue List<@Valid Client> clients) {}

  /**
   * A user of the local issuer.
   *
   * @param username login name (never a patient's name; users are staff)
   * @param passwordHash hash of the password, e.g. {@code {bcrypt}$2a$10$...}
   * @param roles roles out of {@link Roles#USER_ROLES}
   * @param site site code the user works for, empty for central users
   * @param groups groups (departments, biobank units) the user belongs to, written into the token's
   *     groups claim; what a group may see is the app's configuration (the bridgehead's {@code
   *     ccp.visibility.groups})
   */
  public record User(
      @NotBlank String username,
      @NotBlank String passwordHash,
      @DefaultValue List<String> roles,
      @DefaultValue("") String site,
      @DefaultValue List<String> groups) {

    public User {
      RoleNames.requireAssignable(roles, "user " + username);
      groups = List.copyOf(groups);
    }
  }

  /**
   * An application of the local issuer (OAuth2 client credentials).
   *
   * @param clientId the application's client id
   * @param secretHash hash of the client secret
   * @param roles roles out of {@link Roles#ASSIGNABLE}; {@code application} is always added
   * @param domains pseudonym domains the application may use (e.g. {@code BK-L}, {@code RPB-L})
   * @param site site code the application runs at, empty for central applications
   */
  public record Client(
      @NotBlank String clientId,
      @NotBlank String secretHash,
      @DefaultValue List<String> roles,
      @DefaultValue List<String> domains,
      @DefaultValue("") String site) {

    public Client {
      RoleNames.requireAssignable(roles, "client " + clientId);
    }
  }
}
