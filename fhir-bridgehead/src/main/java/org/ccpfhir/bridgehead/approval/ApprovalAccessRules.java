package org.ccpfhir.bridgehead.approval;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The approval API is the site approvers' only. Ordered before the bridgehead's own rules, whose
 * catch-all for system-level operations admits admins only.
 */
@Configuration
public class ApprovalAccessRules {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules approvalEndpointRules() {
    return rules -> {
      // a static page: it holds no data, it logs in and calls the API with the user's token
      rules.requestMatchers(path(HttpMethod.GET, "/approval.html")).permitAll();
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/$search-requests"),
              path(HttpMethod.POST, "/fhir/$search-requests"),
              path(HttpMethod.POST, "/fhir/$search-decide"))
          .hasRole(Roles.SITE_APPROVER);
    };
  }
}
