package org.ccpfhir.security.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ccpfhir.security.audit.AuditAgent;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated token into a {@link Caller}: roles from the configured (possibly nested) claim,
 * only the roles the network knows; kind, site, pseudonym domains and a user's groups from their
 * claims.
 */
class TokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final AuthProperties properties;

  TokenAuthenticationConverter(AuthProperties properties) {
    this.properties = properties;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    List<String> roles =
        strings(claim(jwt, properties.rolesClaim())).stream()
            .filter(Roles.ASSIGNABLE::contains)
            .toList();
    boolean application =
        "application".equals(jwt.getClaimAsString("kind")) || roles.contains(Roles.APPLICATION);
    String id =
        jwt.getClaimAsString("preferred_username") != null && !application
            ? jwt.getClaimAsString("preferred_username")
            : jwt.getSubject();
    String site = jwt.getClaimAsString(properties.siteClaim());
    Caller caller =
        new Caller(
            application ? AuditAgent.Kind.APPLICATION : AuditAgent.Kind.USER,
            id,
            site == null || site.isBlank() ? null : site,
            roles,
            application ? strings(claim(jwt, properties.domainsClaim())) : List.of(),
            application ? List.of() : strings(claim(jwt, properties.groupsClaim())));
    Collection<GrantedAuthority> authorities = new ArrayList<>();
    roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
    return new TokenAuthentication(jwt, authorities, caller);
  }

  private static Object claim(Jwt jwt, String path) {
    Object current = jwt.getClaims();
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static List<String> strings(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(text.split("[ ,]+"));
    }
    return List.of();
  }
}
