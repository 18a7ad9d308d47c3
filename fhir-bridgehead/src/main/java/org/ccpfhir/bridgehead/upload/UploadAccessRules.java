package org.ccpfhir.bridgehead.upload;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The upload operations: admins and data managers. Ordered first, because the bridgehead's rule for
 * other system-level operations admits admins only.
 */
@Component
public class UploadAccessRules implements EndpointRules, Ordered {

  @Override
  public void configure(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules) {
    rules
        .requestMatchers(
            path(HttpMethod.POST, "/fhir/$upload"),
            path(HttpMethod.GET, "/fhir/$upload-status"),
            path(HttpMethod.POST, "/fhir/$upload-status"))
        .hasAnyRole(Roles.ADMIN, Roles.DATA_MANAGER);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
