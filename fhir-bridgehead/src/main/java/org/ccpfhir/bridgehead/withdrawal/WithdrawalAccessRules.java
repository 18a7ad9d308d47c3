package org.ccpfhir.bridgehead.withdrawal;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * Withdrawals are the site's data managers' (CCP-IT §6.5); the CCP applications fetch and confirm
 * what they must do with their pseudonyms of withdrawn patients. Ordered before the bridgehead's
 * own rules, whose catch-all for system-level operations admits admins only.
 */
@Configuration
public class WithdrawalAccessRules {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules withdrawalEndpointRules() {
    return rules -> {
      // a static page: it holds no data, it logs in and calls the API with the user's token
      rules.requestMatchers(path(HttpMethod.GET, "/withdrawal.html")).permitAll();
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/$withdraw"),
              path(HttpMethod.GET, "/fhir/$withdraw-status"),
              path(HttpMethod.POST, "/fhir/$withdraw-status"),
              path(HttpMethod.GET, "/fhir/$withdraw-components"),
              path(HttpMethod.POST, "/fhir/$withdraw-components"),
              path(HttpMethod.GET, "/fhir/$withdraw-document"),
              path(HttpMethod.POST, "/fhir/$withdraw-document"))
          .hasRole(Roles.DATA_MANAGER);
      // the CCP applications' part (their domains are checked inside)
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/$pseudonym-replacements"),
              path(HttpMethod.POST, "/fhir/$pseudonym-replacements"),
              path(HttpMethod.POST, "/fhir/$pseudonym-replacement-confirm"))
          .hasRole(Roles.APPLICATION);
    };
  }
}
