package org.ccpfhir.security.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.limits.LimitsProperties;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded token issuer's endpoints: {@code POST /oauth2/token} (grant types {@code password}
 * for users and {@code client_credentials} for applications), the public key set and a minimal
 * OpenID discovery document, so other components can trust this issuer by its URL.
 */
@RestController
public class TokenEndpoint {

  static final String TOKEN_PATH = "/oauth2/token";
  static final String JWKS_PATH = "/oauth2/jwks";
  static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  private final AuthProperties properties;
  private final LocalTokenIssuer issuer;
  private final PasswordEncoder passwords;
  private final LoginThrottle throttle;
  private final LimitsProperties limits;

  /** Compared against for unknown names, so their refusal takes as long as a known name's. */
  private final String dummyHash;

  public TokenEndpoint(
      AuthProperties properties,
      LocalTokenIssuer issuer,
      PasswordEncoder passwords,
      java.time.Clock clock,
      LimitsProperties limits) {
    this.properties = properties;
    this.limits = limits;
    this.issuer = issuer;
    this.passwords = passwords;
    AuthProperties.LocalIssuer local = properties.localIssuer();
    this.throttle = new LoginThrottle(local.maxFailedLogins(), local.lockout(), clock);
    this.dummyHash = passwords.encode(java.util.UUID.randomUUID().toString());
  }

  @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<?> token(
      @RequestBody MultiValueMap<String, String> form, HttpServletRequest request) {
    String grant = Optional.ofNullable(form.getFirst("grant_type")).orElse("");
    return switch (grant) {
      case "password" -> passwordGrant(form, request);
      case "client_credentials" -> clientGrant(form, request);
      default ->
          refuse(
              request,
              HttpStatus.BAD_REQUEST,
              IssueType.INVALID,
              "grant_type must be 'password' or 'client_credentials'");
    };
  }

  @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> keys() {
    return issuer.publicKeySet();
  }

  @GetMapping(path = DISCOVERY_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> discovery(HttpServletRequest request) {
    String base =
        request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer.issuer());
    document.put("token_endpoint", base + TOKEN_PATH);
    document.put("jwks_uri", base + JWKS_PATH);
    document.put("grant_types_supported", List.of("password", "client_credentials"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    return document;
  }

  private ResponseEntity<?> passwordGrant(
      MultiValueMap<String, String> form, HttpServletRequest request) {
    String username = form.getFirst("username");
    String password = form.getFirst("password");
    if (username == null || password == null) {
      return refuse(
          request,
          HttpStatus.BAD_REQUEST,
          IssueType.REQUIRED,
          "grant_type=password needs username and password");
    }
    Optional<AuthProperties.User> user =
        properties.localIssuer().users().stream()
            .filter(u -> u.username().equals(username))
            .findFirst();
    return grant(
        request,
        "user",
        username,
        password,
        user,
        AuthProperties.User::passwordHash,
        issuer::forUser);
  }

  private ResponseEntity<?> clientGrant(
      MultiValueMap<String, String> form, HttpServletRequest request) {
    String[] basic = basicCredentials(request);
    String clientId = basic != null ? basic[0] : form.getFirst("client_id");
    String secret = basic != null ? basic[1] : form.getFirst("client_secret");
    if (clientId == null || secret == null) {
      return refuse(
          request,
          HttpStatus.BAD_REQUEST,
          IssueType.REQUIRED,
          "grant_type=client_credentials needs client_id and client_secret (form or Basic)");
    }
    Optional<AuthProperties.Client> client =
        properties.localIssuer().clients().stream()
            .filter(c -> c.clientId().equals(clientId))
            .findFirst();
    return grant(
        request,
        "application",
        clientId,
        secret,
        client,
        AuthProperties.Client::secretHash,
        issuer::forClient);
  }

  /** Checks the secret against the account's hash (or a dummy one) and issues a token. */
  private <T> ResponseEntity<?> grant(
      HttpServletRequest request,
      String kind,
      String name,
      String secret,
      Optional<T> account,
      Function<T, String> hashOf,
      Function<T, LocalTokenIssuer.IssuedToken> issue) {
    // before anything is compared or remembered: a name of a megabyte is not a login attempt
    if (name.length() > limits.loginNameLength() || secret.length() > limits.loginSecretLength()) {
      return refuse(
          request,
          HttpStatus.BAD_REQUEST,
          IssueType.TOOLONG,
          "name longer than "
              + limits.loginNameLength()
              + " or password/secret longer than "
              + limits.loginSecretLength()
              + " characters (ccp.limits.login-name-length / login-secret-length)");
    }
    String key = kind + ":" + name;
    if (!check(key, secret, account.map(hashOf).orElse(dummyHash)) || account.isEmpty()) {
      return refuseLogin(request, key);
    }
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, "token issued to " + kind + " " + name);
    return granted(issue.apply(account.get()));
  }

  private boolean check(String name, String secret, String hash) {
    if (throttle.locked(name)) {
      return false;
    }
    if (passwords.matches(secret, hash)) {
      throttle.succeeded(name);
      return true;
    }
    throttle.failed(name);
    return false;
  }

  private ResponseEntity<?> refuseLogin(HttpServletRequest request, String name) {
    String reason =
        throttle.locked(name)
            ? "too many failed attempts; try again later"
            : "unknown name or wrong password/secret";
    return refuse(request, HttpStatus.UNAUTHORIZED, IssueType.LOGIN, reason);
  }

  private static ResponseEntity<?> granted(LocalTokenIssuer.IssuedToken token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token.value());
    body.put("token_type", "Bearer");
    body.put("expires_in", token.expiresIn());
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  private static ResponseEntity<?> refuse(
      HttpServletRequest request, HttpStatus status, IssueType type, String diagnostics) {
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, diagnostics);
    return ResponseEntity.status(status)
        .contentType(MediaType.valueOf("application/fhir+json"))
        .body(SecurityResponses.json(SecurityResponses.outcome(type, diagnostics)));
  }

  private static String[] basicCredentials(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
