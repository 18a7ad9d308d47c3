package org.ccpfhir.security.auth;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * An app's access rules, added to the security layer's filter chain after its public endpoints and
 * before the final "deny everything else". Apps declare one bean per feature.
 */
@FunctionalInterface
public interface EndpointRules {

  void configure(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules);
}
