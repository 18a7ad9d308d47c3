package org.ccpfhir.identity.access;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.tls.ComponentAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what at the identity components. Sites and the generator are components known by
 * their network certificate (mutual TLS), never by a token; the linkage admin and admins are users.
 */
@Configuration
public class IdentityAccessRules {

  private static final String BRIDGEHEAD = ComponentAuthentication.roleAuthority("bridgehead");
  private static final String GENERATOR = ComponentAuthentication.roleAuthority("generator");

  @Bean
  public EndpointRules identityEndpointRules() {
    return rules -> {
      rules.requestMatchers(path(HttpMethod.GET, "/fhir/metadata")).permitAll();
      // the review page is static: it holds no data and fetches the queue with the admin's token
      rules.requestMatchers(path(HttpMethod.GET, "/linkage-review.html")).permitAll();
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$control-number-ticket"))
          .hasAuthority(BRIDGEHEAD);
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$register-control-numbers"))
          .hasAuthority(GENERATOR);
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/$redeem-ticket"),
              path(HttpMethod.POST, "/fhir/$reencrypt"),
              path(HttpMethod.POST, "/fhir/$project-pseudonym"),
              path(HttpMethod.POST, "/fhir/$withdraw-identity"),
              path(HttpMethod.POST, "/fhir/$withdrawal-notices"),
              path(HttpMethod.POST, "/fhir/$withdrawal-notice-confirm"),
              path(HttpMethod.POST, "/fhir/$withdrawal-case"),
              path(HttpMethod.POST, "/fhir/$subject-data"))
          .hasAuthority(BRIDGEHEAD);
      rules
          .requestMatchers(
              path("/fhir/$linkage-review-list"),
              path(HttpMethod.POST, "/fhir/$linkage-review-decide"))
          .hasRole(Roles.LINKAGE_ADMIN);
      // a partner leaves (CCP-IT §5.3): the central operator's admins only
      rules
          .requestMatchers(
              path("/fhir/$partner-departure-inventory"),
              path(HttpMethod.POST, "/fhir/$partner-departure"),
              path(HttpMethod.POST, "/fhir/$partner-departure-confirm"))
          .hasRole(Roles.ADMIN);
      rules
          .requestMatchers(path("/fhir/AuditEvent"), path("/fhir/AuditEvent/**"))
          .hasRole(Roles.ADMIN);
      rules.requestMatchers(path(HttpMethod.GET, "/actuator/**")).hasRole(Roles.ADMIN);
    };
  }
}
