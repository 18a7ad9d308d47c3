package org.ccpfhir.mdssearch.access;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what at the central search. The first matching rule decides; what no rule names is
 * denied by the security layer. Researchers only count: the FHIR server itself refuses every
 * interaction that would return a record.
 */
@Configuration
public class MdsSearchAccessRules {

  @Bean
  public EndpointRules mdsSearchEndpointRules() {
    return rules -> {
      rules.requestMatchers(path(HttpMethod.GET, "/fhir/metadata")).permitAll();
      // the audit trail (with true and released counts): admins only
      rules
          .requestMatchers(path("/fhir/AuditEvent"), path("/fhir/AuditEvent/**"))
          .hasRole(Roles.ADMIN);
      // count queries
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/Measure/$evaluate-measure"))
          .hasRole(Roles.RESEARCHER);
      rules.requestMatchers(path(HttpMethod.GET, "/fhir/**")).hasRole(Roles.RESEARCHER);
      rules.requestMatchers(path(HttpMethod.GET, "/actuator/**")).hasRole(Roles.ADMIN);
    };
  }
}
