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
 * Withdrawals are the site's data managers' (CCP-IT §6.5). Ordered before the bridgehead's own
 * rules, whose catch-all for system-level operations admits admins only.
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
              path(HttpMethod.POST, "/fhir/$withdraw-status"))
          .hasRole(Roles.DATA_MANAGER);
    };
  }
}
