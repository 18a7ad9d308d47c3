package org.ccpfhir.security.auth;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.ccpfhir.security.errors.ErrorPageCustomizer;
import org.ccpfhir.security.errors.FirewallFilter;
import org.ccpfhir.security.errors.RejectedRequests;
import org.ccpfhir.security.limits.LimitsProperties;
import org.ccpfhir.security.tls.ComponentCertificateFilter;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every app's access control: bearer tokens (JWT) from an external OpenID Connect provider or the
 * local issuer, network certificates for components, OperationOutcome refusals, the app's own
 * {@link EndpointRules}, and "deny" for everything no rule allows.
 */
@AutoConfiguration(
    before = {
      SecurityAutoConfiguration.class,
      UserDetailsServiceAutoConfiguration.class,
      OAuth2ResourceServerAutoConfiguration.class
    })
@EnableWebSecurity
@EnableConfigurationProperties(AuthProperties.class)
public class AuthAutoConfiguration {

  /** Firewall refusals as 400 with an OperationOutcome (picked up by Spring's WebSecurity). */
  @Bean
  public RequestRejectedHandler requestRejectedHandler() {
    return new RejectedRequests();
  }

  /** The firewall before Spring Security's own filters (see {@link FirewallFilter}). */
  @Bean
  public FilterRegistrationBean<FirewallFilter> firewallFilter(RequestRejectedHandler rejected) {
    FilterRegistrationBean<FirewallFilter> registration =
        new FilterRegistrationBean<>(new FirewallFilter(rejected));
    // after the audit filter (DEFAULT_FILTER_ORDER - 10), so refusals are audited
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
    return registration;
  }

  /** Tomcat's own refusals (before any filter) as OperationOutcomes. */
  @Bean
  public ErrorPageCustomizer operationOutcomeErrorPages() {
    return new ErrorPageCustomizer();
  }

  @Bean
  public PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  @ConditionalOnExpression(
      "${ccp.auth.local-issuer.enabled:false} and '${ccp.auth.issuer-uri:}'.isEmpty()")
  public LocalTokenIssuer localTokenIssuer(AuthProperties properties) {
    return new LocalTokenIssuer(properties, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnExpression(
      "${ccp.auth.local-issuer.enabled:false} and '${ccp.auth.issuer-uri:}'.isEmpty()")
  public TokenEndpoint tokenEndpoint(
      AuthProperties properties,
      LocalTokenIssuer issuer,
      PasswordEncoder passwordEncoder,
      LimitsProperties limits) {
    return new TokenEndpoint(properties, issuer, passwordEncoder, Clock.systemUTC(), limits);
  }

  @Bean
  public IdentityEndpoint identityEndpoint() {
    return new IdentityEndpoint();
  }

  @Bean
  public JwtDecoder jwtDecoder(AuthProperties properties, ObjectProvider<LocalTokenIssuer> local) {
    if (properties.externalIssuer()) {
      NimbusJwtDecoder decoder =
          NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
      decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
      return decoder;
    }
    LocalTokenIssuer issuer = local.getIfAvailable();
    if (issuer == null) {
      throw new IllegalStateException(
          "no token issuer: set ccp.auth.issuer-uri (OpenID Connect provider) or"
              + " ccp.auth.local-issuer.enabled=true");
    }
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer.issuer()));
    return decoder;
  }

  @Bean
  public SecurityFilterChain ccpSecurityFilterChain(
      HttpSecurity http,
      JwtDecoder jwtDecoder,
      AuthProperties properties,
      ObjectProvider<ComponentTls> componentTls,
      ObjectProvider<LocalTokenIssuer> localIssuer,
      List<EndpointRules> endpointRules)
      throws Exception {
    RefusalHandlers refusals = new RefusalHandlers();
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                    new TokenAuthenticationConverter(properties)))
                    .authenticationEntryPoint(refusals)
                    .accessDeniedHandler(refusals))
        .addFilterBefore(new AuditAgentFilter(), AuthorizationFilter.class);
    ComponentTls tls = componentTls.getIfAvailable();
    if (tls != null) {
      http.addFilterAfter(
          new ComponentCertificateFilter(tls), BearerTokenAuthenticationFilter.class);
    }
    boolean issuer = localIssuer.getIfAvailable() != null;
    http.authorizeHttpRequests(
        rules -> {
          rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
          rules
              .requestMatchers(
                  Matchers.path(HttpMethod.GET, "/actuator/health"),
                  Matchers.path(HttpMethod.GET, "/actuator/health/**"),
                  // the shared page kit holds no data; named exactly, /ccp/identity is not public
                  Matchers.path(HttpMethod.GET, "/ccp/ccp.css"),
                  Matchers.path(HttpMethod.GET, "/ccp/ccp.js"),
                  Matchers.path(HttpMethod.GET, "/ccp/criteria-words.js"),
                  Matchers.path(HttpMethod.GET, "/ccp/i18n.js"),
                  Matchers.path(HttpMethod.GET, "/ccp/i18n-de.js"),
                  Matchers.path(HttpMethod.GET, "/ccp/i18n-en.js"))
              .permitAll();
          if (issuer) {
            rules
                .requestMatchers(
                    Matchers.path(HttpMethod.POST, TokenEndpoint.TOKEN_PATH),
                    Matchers.path(HttpMethod.GET, TokenEndpoint.JWKS_PATH),
                    Matchers.path(HttpMethod.GET, TokenEndpoint.DISCOVERY_PATH))
                .permitAll();
          }
          rules
              .requestMatchers(Matchers.path(HttpMethod.GET, IdentityEndpoint.PATH))
              .authenticated();
          endpointRules.forEach(r -> r.configure(rules));
          rules.anyRequest().denyAll();
        });
    return http.build();
  }

  /**
   * The same rules for every entry of a batch or transaction Bundle; each app registers it with its
   * FHIR server's interceptors.
   */
  @Bean
  public BundleEntryAuthorization bundleEntryAuthorization(
      SecurityFilterChain ccpSecurityFilterChain) {
    return BundleEntryAuthorization.of(ccpSecurityFilterChain);
  }
}
