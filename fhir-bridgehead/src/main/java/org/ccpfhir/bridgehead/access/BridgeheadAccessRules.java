package org.ccpfhir.bridgehead.access;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what at the bridgehead. Order matters: the first matching rule decides, and what no
 * rule names is denied by the security layer.
 */
@Configuration
public class BridgeheadAccessRules {

  private static final String[] TERMINOLOGY = {"CodeSystem", "ValueSet", "ConceptMap"};
  private static final String[] USERS = {
    Roles.RESEARCHER,
    Roles.SITE_APPROVER,
    Roles.DATA_MANAGER,
    Roles.LINKAGE_ADMIN,
    Roles.ADMIN,
    Roles.BIOBANK
  };

  @Bean
  public EndpointRules bridgeheadEndpointRules() {
    return rules -> {
      // public: what a client needs to discover the server
      rules.requestMatchers(path(HttpMethod.GET, "/fhir/metadata")).permitAll();
      // static pages hold no data: they log in and call the FHIR API with the user's token
      rules.requestMatchers(path(HttpMethod.GET, "/pseudonymize.html")).permitAll();
      rules
          .requestMatchers(
              path(HttpMethod.GET, "/"),
              path(HttpMethod.GET, "/index.html"),
              path(HttpMethod.GET, "/consent.html"),
              path(HttpMethod.GET, "/upload.html"),
              path(HttpMethod.GET, "/admin.html"),
              path(HttpMethod.GET, "/site.js"))
          .permitAll();
      // the terms of use: every signed-in caller reads and accepts them (the only calls a user
      // can make before accepting; the FHIR API refuses until then, terms.TermsGate)
      rules
          .requestMatchers(path(HttpMethod.GET, "/ccp/terms"), path(HttpMethod.POST, "/ccp/terms"))
          .authenticated();
      // the groups (departments) and the units they see: the site admin (visibility.GroupsEndpoint)
      rules.requestMatchers(path("/ccp/groups"), path("/ccp/groups/*")).hasRole(Roles.ADMIN);
      // the audit trail: admins only
      rules
          .requestMatchers(path("/fhir/AuditEvent"), path("/fhir/AuditEvent/**"))
          .hasRole(Roles.ADMIN);
      // terminology: read and operations ($lookup, $expand, ...) for every user role
      for (String type : TERMINOLOGY) {
        rules
            .requestMatchers(
                path(HttpMethod.GET, "/fhir/" + type),
                path(HttpMethod.GET, "/fhir/" + type + "/**"),
                path(HttpMethod.POST, "/fhir/" + type + "/$*"),
                path(HttpMethod.POST, "/fhir/" + type + "/*/$*"))
            .hasAnyRole(USERS);
        rules
            .requestMatchers(path("/fhir/" + type), path("/fhir/" + type + "/**"))
            .hasRole(Roles.ADMIN);
      }
      // local pseudonyms: data managers and applications (their domains are checked inside)
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$pseudonymize"))
          .hasAnyRole(Roles.DATA_MANAGER, Roles.APPLICATION);
      // the local patient list's review of possible matches: the site's data managers
      rules
          .requestMatchers(
              path("/fhir/$local-review-list"), path(HttpMethod.POST, "/fhir/$local-review-decide"))
          .hasRole(Roles.DATA_MANAGER);
      // oBDS / ADT-GEKID import: ingest, so the site's data managers only
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$import-obds"))
          .hasRole(Roles.DATA_MANAGER);
      // k-anonymous study export of a cohort: the site's data managers
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$export-study"))
          .hasRole(Roles.DATA_MANAGER);
      // system-level operations (reindex, expunge, meta, ...)
      rules.requestMatchers(path("/fhir/$*")).hasRole(Roles.ADMIN);
      // clinical data: the site's data managers write (ingest) and read; admins read
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir"),
              path(HttpMethod.POST, "/fhir/"),
              path(HttpMethod.POST, "/fhir/**"),
              path(HttpMethod.PUT, "/fhir/**"),
              path(HttpMethod.PATCH, "/fhir/**"),
              path(HttpMethod.DELETE, "/fhir/**"))
          .hasRole(Roles.DATA_MANAGER);
      rules
          .requestMatchers(path(HttpMethod.GET, "/fhir"), path(HttpMethod.GET, "/fhir/**"))
          .hasAnyRole(Roles.DATA_MANAGER, Roles.ADMIN);
      // operations endpoints beyond health (public, in the security layer)
      rules.requestMatchers(path(HttpMethod.GET, "/actuator/**")).hasRole(Roles.ADMIN);
    };
  }
}
