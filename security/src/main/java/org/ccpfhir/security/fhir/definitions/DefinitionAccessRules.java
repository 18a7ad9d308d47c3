package org.ccpfhir.security.fhir.definitions;

import static org.ccpfhir.security.auth.Matchers.path;

import java.util.List;
import org.ccpfhir.security.auth.EndpointRules;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may read the served definitions: every authenticated caller (they are published artefacts and
 * hold no data; anonymous callers get 401 like every other FHIR endpoint but the
 * CapabilityStatement). Nobody may change the StructureDefinitions and OperationDefinitions: they
 * come from the build. Writes to CodeSystems and ValueSets are left to the app's own rules (the
 * bridgehead's store lets admins add their own). Runs before the apps' rules.
 */
public class DefinitionAccessRules implements EndpointRules, Ordered {

  private static final List<String> READ_ONLY =
      List.of("StructureDefinition", "OperationDefinition");
  private static final List<String> TERMINOLOGY = List.of("CodeSystem", "ValueSet");

  @Override
  public void configure(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules) {
    for (String type : READ_ONLY) {
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/" + type),
              path(HttpMethod.GET, "/fhir/" + type + "/*"),
              path(HttpMethod.POST, "/fhir/" + type + "/_search"))
          .authenticated();
      rules.requestMatchers(path("/fhir/" + type), path("/fhir/" + type + "/**")).denyAll();
    }
    for (String type : TERMINOLOGY) {
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/fhir/" + type),
              path(HttpMethod.GET, "/fhir/" + type + "/*"),
              path(HttpMethod.POST, "/fhir/" + type + "/_search"))
          .authenticated();
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
