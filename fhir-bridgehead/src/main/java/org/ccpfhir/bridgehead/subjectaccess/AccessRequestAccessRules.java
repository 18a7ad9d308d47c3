package org.ccpfhir.bridgehead.subjectaccess;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Access requests: the site's data managers. Ordered first, because the bridgehead's rule for other
 * system-level operations admits admins only. The page holds no data (it calls the API with the
 * user's token), so it is public.
 */
@Component
public class AccessRequestAccessRules implements EndpointRules, Ordered {

  @Override
  public void configure(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules) {
    rules.requestMatchers(path(HttpMethod.GET, "/access-request.html")).permitAll();
    rules
        .requestMatchers(
            path(HttpMethod.POST, "/fhir/$access-request"),
            path(HttpMethod.GET, "/fhir/$access-request-export"),
            path(HttpMethod.POST, "/fhir/$access-request-export"))
        .hasRole(Roles.DATA_MANAGER);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
