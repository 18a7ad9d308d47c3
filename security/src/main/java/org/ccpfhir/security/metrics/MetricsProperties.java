package org.ccpfhir.security.metrics;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.ccpfhir.security.auth.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who reads the app's metrics ({@code ccp.metrics.*}).
 *
 * @param scrapeRoles roles that may read {@code GET /actuator/prometheus} on the app's HTTPS port;
 *     a Prometheus server scrapes as an application (client credentials) with role {@code metrics},
 *     people with role {@code admin}
 */
@Validated
@ConfigurationProperties("ccp.metrics")
public record MetricsProperties(
    @DefaultValue({"metrics", "admin"}) @NotEmpty List<String> scrapeRoles) {

  public MetricsProperties {
    for (String role : scrapeRoles) {
      if (!Roles.ASSIGNABLE.contains(role)) {
        throw new IllegalArgumentException(
            "ccp.metrics.scrape-roles: unknown role '"
                + role
                + "'; known roles: "
                + Roles.ASSIGNABLE);
      }
    }
  }
}
