package org.ccpfhir.bridgehead.biobank;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * Samples are the biobank's (CCP-IT §2.1): it registers (create), edits (update) and lists them
 * (read, search, history, CSV export). Data managers keep what they had (samples arrive with the
 * ingest), admins read. Ordered before the bridgehead's own rules, whose catch-alls admit data
 * managers only. Other Specimen interactions (delete, patch, type-level operations other than the
 * export) stay with those rules: a biobank marks a sample destroyed instead of deleting it.
 */
@Configuration
public class BiobankAccessRules {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules biobankEndpointRules() {
    return rules -> {
      // a static page: it holds no data, it logs in and calls the API with the user's token
      rules.requestMatchers(path(HttpMethod.GET, "/biobank.html")).permitAll();
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/Specimen"), path(HttpMethod.GET, "/fhir/Specimen/**"))
          .hasAnyRole(Roles.BIOBANK, Roles.DATA_MANAGER, Roles.ADMIN);
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/Specimen"), path(HttpMethod.PUT, "/fhir/Specimen/*"))
          .hasAnyRole(Roles.BIOBANK, Roles.DATA_MANAGER);
    };
  }
}
