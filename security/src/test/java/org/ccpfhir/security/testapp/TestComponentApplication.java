package org.ccpfhir.security.testapp;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Matchers;
import org.ccpfhir.security.auth.Roles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare component for the module's ITs: only what the security layer brings, plus one admin-only
 * endpoint. In a package of its own so its component scan sees none of the library's classes.
 */
@SpringBootApplication
public class TestComponentApplication {

  @RestController
  static class AdminOnly {
    @GetMapping("/admin-only")
    String adminOnly() {
      return "ok";
    }
  }

  @Bean
  EndpointRules adminOnlyRules() {
    return rules ->
        rules.requestMatchers(Matchers.path(HttpMethod.GET, "/admin-only")).hasRole(Roles.ADMIN);
  }
}
