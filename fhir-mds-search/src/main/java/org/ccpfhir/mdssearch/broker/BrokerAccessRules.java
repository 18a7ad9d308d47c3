package org.ccpfhir.mdssearch.broker;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.tls.ComponentAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * Who reaches the broker's Task endpoints: researchers (token) and site bridgeheads (certificate).
 * Which Task each may see or change is decided by the broker itself ({@link BrokerService}).
 * Ordered first: the count search's rule for every other {@code GET /fhir/**} admits researchers
 * only.
 */
@Configuration
public class BrokerAccessRules {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules brokerEndpointRules() {
    String[] callers = {
      Roles.authority(Roles.RESEARCHER), ComponentAuthentication.roleAuthority("bridgehead")
    };
    return rules -> {
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/Task"),
              path(HttpMethod.GET, "/fhir/Task/*"),
              path(HttpMethod.PUT, "/fhir/Task/*"))
          .hasAnyAuthority(callers);
      rules.requestMatchers(path(HttpMethod.POST, "/fhir/Task")).hasRole(Roles.RESEARCHER);
    };
  }
}
