package org.ccpfhir.security.audit;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes paths and query strings safe to keep: parameter names stay, values stay only for parameters
 * that cannot carry identifying data (paging, codes, references by pseudonymous id, profiles);
 * every other value becomes {@code ***}. Path segments that are not FHIR ids, type names or
 * operation names are masked the same way.
 */
public final class AuditQuerySanitizer {

  static final String MASK = "***";

  /** Parameters whose values are safe (no names, dates, addresses, free text). */
  private static final Set<String> KEEP =
      Set.of(
          "_count",
          "_summary",
          "_elements",
          "_include",
          "_revinclude",
          "_sort",
          "_total",
          "_format",
          "_pretty",
          "_id",
          "_lastUpdated",
          "_profile",
          "_tag",
          "_security",
          "_offset",
          "_getpages",
          "_pageId",
          "_bundletype",
          "_cursor",
          "_since",
          "_at",
          "code",
          "category",
          "status",
          "subject",
          "patient",
          "specimen",
          "encounter",
          "type",
          "url",
          "system",
          "version",
          "target",
          "source",
          "reverse",
          "property",
          "displayLanguage",
          "valueSet",
          "conceptMap",
          "context",
          "gender",
          "bodysite",
          "body-site",
          "grant_type",
          "mode",
          "profile");

  /** Path words of the platform's own endpoints. */
  private static final Set<String> ENDPOINT_WORDS =
      Set.of(
          "fhir",
          "metadata",
          "actuator",
          "health",
          "info",
          "metrics",
          "prometheus",
          "ccp",
          "identity",
          "token",
          "jwks",
          ".well-known",
          "openid-configuration",
          "error",
          "audit",
          "liveness",
          "readiness");

  private static final Set<String> RESOURCE_TYPES = FhirContext.forR4Cached().getResourceTypes();

  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9\\-.$_]{1,64}");

  private AuditQuerySanitizer() {}

  public static String query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    StringBuilder result = new StringBuilder();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      if (result.length() > 0) {
        result.append('&');
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? null : decode(pair.substring(eq + 1));
      String safeName = SAFE_SEGMENT.matcher(name.replace(":", "")).matches() ? name : MASK;
      result.append(safeName);
      if (value != null) {
        result.append('=').append(value(safeName, value));
      }
    }
    return result.toString();
  }

  private static String value(String name, String value) {
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    if (name.contains(".")) {
      return MASK; // chained parameters can reach names and birth dates
    }
    if (base.equals("identifier")) {
      int bar = value.indexOf('|');
      return bar < 0 ? MASK : value.substring(0, bar + 1) + MASK;
    }
    return KEEP.contains(base) && value.length() <= 200 ? value : MASK;
  }

  /**
   * Keeps the path segments that cannot be a person's name — FHIR type names, operations and {@code
   * _} keywords, ids with a digit (server-assigned ids are numeric), the platform's own lower-case
   * endpoint words — and masks the rest: a client can put anything into a path.
   */
  public static String path(String raw) {
    if (raw == null) {
      return null;
    }
    String[] segments = raw.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String decoded = decode(segments[i]);
      segments[i] = decoded.isEmpty() || safeSegment(decoded) ? decoded : MASK;
    }
    return String.join("/", segments);
  }

  private static boolean safeSegment(String segment) {
    if (!SAFE_SEGMENT.matcher(segment).matches()) {
      return false;
    }
    return segment.startsWith("$")
        || segment.startsWith("_")
        || segment.chars().anyMatch(Character::isDigit)
        || ENDPOINT_WORDS.contains(segment)
        || RESOURCE_TYPES.contains(segment);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return MASK;
    }
  }
}
