package org.ccpfhir.security.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens for the users and applications of the embedded issuer. The signing key is
 * created at start-up and never leaves memory: tokens die with the process, which is what an
 * offline demo needs; production uses an external OpenID Connect provider.
 */
public class LocalTokenIssuer {

  /** A signed token and its lifetime in seconds. */
  public record IssuedToken(String value, long expiresIn) {}

  private final AuthProperties properties;
  private final Clock clock;
  private final RSAKey signingKey;
  private final NimbusJwtEncoder encoder;

  public LocalTokenIssuer(AuthProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    KeyPair pair = generateKeyPair();
    this.signingKey =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyID(UUID.randomUUID().toString())
            .build();
    this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
  }

  public String issuer() {
    return properties.localIssuer().issuer();
  }

  public RSAPublicKey publicKey() {
    try {
      return signingKey.toRSAPublicKey();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("local issuer key is unusable", e);
    }
  }

  /** The public key set, as served at {@code /oauth2/jwks}. */
  public Map<String, Object> publicKeySet() {
    return new JWKSet(signingKey.toPublicJWK()).toJSONObject();
  }

  public IssuedToken forUser(AuthProperties.User user) {
    return issue(user.username(), "user", user.roles(), List.of(), user.site(), user.groups());
  }

  public IssuedToken forClient(AuthProperties.Client client) {
    List<String> roles = new ArrayList<>(client.roles());
    if (!roles.contains(Roles.APPLICATION)) {
      roles.add(Roles.APPLICATION);
    }
    return issue(
        client.clientId(), "application", roles, client.domains(), client.site(), List.of());
  }

  private IssuedToken issue(
      String subject,
      String kind,
      List<String> roles,
      List<String> domains,
      String site,
      List<String> groups) {
    Instant now = clock.instant();
    Instant expires = now.plus(properties.localIssuer().tokenLifetime());
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer(issuer())
            .subject(subject)
            .id(UUID.randomUUID().toString())
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(expires)
            .claim("kind", kind)
            .claim(properties.rolesClaim(), roles);
    if (!domains.isEmpty()) {
      claims.claim(properties.domainsClaim(), domains);
    }
    if (!site.isBlank()) {
      claims.claim(properties.siteClaim(), site);
    }
    if (!groups.isEmpty()) {
      claims.claim(properties.groupsClaim(), groups);
    }
    JwsHeader header =
        JwsHeader.with(SignatureAlgorithm.RS256).keyId(signingKey.getKeyID()).build();
    String value =
        encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    return new IssuedToken(value, properties.localIssuer().tokenLifetime().toSeconds());
  }

  private static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }
}
