package org.ccpfhir.security.audit;

import java.util.List;

/** Names the FHIR interaction of an HTTP request from its method and path. */
final class FhirInteractions {

  private FhirInteractions() {}

  static String of(String method, String path, List<String> fhirBasePaths) {
    if (path.startsWith("/oauth2/token")) {
      return "token";
    }
    String base =
        fhirBasePaths.stream()
            .filter(b -> path.equals(b) || path.startsWith(b + "/"))
            .findFirst()
            .orElse(null);
    if (base == null) {
      return "other";
    }
    String rest = path.substring(base.length());
    String[] parts =
        rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
    String last = parts.length == 0 ? "" : parts[parts.length - 1];
    if (last.startsWith("$")) {
      return "operation";
    }
    if (parts.length == 1 && parts[0].equals("metadata")) {
      return "capabilities";
    }
    if (rest.contains("/_history")) {
      return parts.length >= 3 && !last.equals("_history") ? "vread" : "history";
    }
    return switch (method) {
      case "GET", "HEAD" -> parts.length == 2 ? "read" : "search";
      case "POST" ->
          parts.length == 0 ? "transaction" : last.equals("_search") ? "search" : "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> "other";
    };
  }

  static String action(String method, String interaction) {
    return switch (interaction) {
      case "create" -> "C";
      case "read", "vread", "search", "history", "capabilities" -> "R";
      case "update", "patch" -> "U";
      case "delete" -> "D";
      default -> "GET".equals(method) ? "R" : "E";
    };
  }
}
