package org.ccpfhir.bridgehead.forms;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * Forms (module README "Forms"): the data manager (and the admin) define them (Questionnaire create
 * and update); the biobank and the data manager enter and edit entries (QuestionnaireResponse),
 * which they, and the admin, read with the forms. Ordered before the bridgehead's own rules, whose
 * catch-alls admit data managers only; other interactions (delete, patch, operations) stay with
 * those.
 */
@Configuration
public class FormsAccessRules {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules formsEndpointRules() {
    return rules -> {
      // a static page: it holds no data, it logs in and calls the API with the user's token
      rules.requestMatchers(path(HttpMethod.GET, "/forms.html")).permitAll();
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/Questionnaire"),
              path(HttpMethod.GET, "/fhir/Questionnaire/**"),
              path(HttpMethod.GET, "/fhir/QuestionnaireResponse"),
              path(HttpMethod.GET, "/fhir/QuestionnaireResponse/**"))
          .hasAnyRole(Roles.BIOBANK, Roles.DATA_MANAGER, Roles.ADMIN);
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/Questionnaire"),
              path(HttpMethod.PUT, "/fhir/Questionnaire/*"))
          .hasAnyRole(Roles.DATA_MANAGER, Roles.ADMIN);
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/QuestionnaireResponse"),
              path(HttpMethod.PUT, "/fhir/QuestionnaireResponse/*"))
          .hasAnyRole(Roles.BIOBANK, Roles.DATA_MANAGER);
    };
  }
}
