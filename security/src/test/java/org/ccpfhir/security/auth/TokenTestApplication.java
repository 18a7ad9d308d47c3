package org.ccpfhir.security.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A bare app with one admin-only endpoint, to test token authentication and roles. */
@SpringBootApplication
public class TokenTestApplication {

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
