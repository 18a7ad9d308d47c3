package org.ccpfhir.mdssearch.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code _summary=count} searches on a HAPI JPA server (loopback only), timed per request. */
final class HapiCounter {

  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  HapiCounter(String base) {
    this.base = base.endsWith("/") ? base : base + "/";
  }

  /** The count, or -1 when HAPI refused the search. */
  int count(String query) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + encode(query) + "&_summary=count"))
            .timeout(Duration.ofMinutes(2))
            .header("Accept", "application/fhir+json")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher matcher = TOTAL.matcher(response.body());
    if (response.statusCode() != 200 || !matcher.find()) {
      System.err.println("HAPI " + response.statusCode() + " for " + query);
      return -1;
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** Encodes the values of a {@code Type?a=b&c=d} query (keeps the structure characters). */
  private static String encode(String query) {
    int question = query.indexOf('?');
    StringBuilder out = new StringBuilder(query.substring(0, question + 1));
    String[] pairs = query.substring(question + 1).split("&");
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      out.append(i == 0 ? "" : "&")
          .append(pairs[i], 0, eq + 1)
          .append(URLEncoder.encode(pairs[i].substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
