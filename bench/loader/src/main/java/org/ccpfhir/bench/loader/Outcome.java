package org.ccpfhir.bench.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server answered to one bundle: how many entries it stored and, if some were refused, a
 * short readable account of why (from the OperationOutcome).
 *
 * @param stored entries written
 * @param failed entries refused
 * @param report empty when nothing failed
 */
public record Outcome(int stored, int failed, String report) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ISSUES = 5;
  private static final int MAX_TEXT = 300;

  /** Interprets an HTTP answer to a transaction or batch bundle. */
  public static Outcome of(BundleFile bundle, int status, byte[] body) {
    if (status / 100 != 2) {
      return new Outcome(0, bundle.entries(), "HTTP " + status + ": " + describe(body));
    }
    if (!bundle.batch()) {
      // a transaction is all or nothing: 2xx means every entry was written
      return new Outcome(bundle.entries(), 0, "");
    }
    return ofBatchResponse(bundle, body);
  }

  /** A request that never got an answer (connection refused, timeout, ...). */
  public static Outcome ofException(BundleFile bundle, Exception e) {
    return new Outcome(0, bundle.entries(), "no answer: " + e);
  }

  private static Outcome ofBatchResponse(BundleFile bundle, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return new Outcome(0, bundle.entries(), "unreadable batch response: " + e.getMessage());
    }
    int failed = 0;
    List<String> reasons = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      String status = entry.path("response").path("status").asText();
      if (!status.startsWith("2")) {
        failed++;
        if (reasons.size() < MAX_ISSUES) {
          reasons.add(status + " " + issues(entry.path("response").path("outcome")));
        }
      }
    }
    return new Outcome(
        bundle.entries() - failed, failed, failed == 0 ? "" : String.join("; ", reasons));
  }

  private static String describe(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if ("OperationOutcome".equals(root.path("resourceType").asText())) {
        return issues(root);
      }
    } catch (IOException e) {
      // not JSON: show the start of the text instead
    }
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
  }

  private static String issues(JsonNode outcome) {
    List<String> lines = new ArrayList<>();
    JsonNode issues = outcome.path("issue");
    for (JsonNode issue : issues) {
      if (lines.size() == MAX_ISSUES) {
        lines.add("... " + (issues.size() - MAX_ISSUES) + " more issues");
        break;
      }
      StringBuilder line =
          new StringBuilder()
              .append(issue.path("severity").asText())
              .append('/')
              .append(issue.path("code").asText());
      JsonNode expression = issue.path("expression");
      if (expression.size() > 0) {
        line.append(" at ").append(expression.get(0).asText());
      }
      String diagnostics = issue.path("diagnostics").asText();
      if (diagnostics.length() > MAX_TEXT) {
        diagnostics = diagnostics.substring(0, MAX_TEXT) + "...";
      }
      line.append(": ").append(diagnostics);
      lines.add(line.toString());
    }
    return lines.isEmpty() ? "(no issues)" : "\n      " + String.join("\n      ", lines);
  }
}
