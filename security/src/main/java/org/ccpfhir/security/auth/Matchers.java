package org.ccpfhir.security.auth;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Path matchers for access rules. Explicit path patterns because the apps run more than one servlet
 * (Spring MVC and the FHIR server), where Spring Security's string shortcuts refuse to guess which
 * one a pattern means.
 */
public final class Matchers {

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  private Matchers() {}

  public static RequestMatcher path(String pattern) {
    return PATHS.matcher(pattern);
  }

  public static RequestMatcher path(HttpMethod method, String pattern) {
    return PATHS.matcher(method, pattern);
  }
}
