package org.ccpfhir.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Requests that carry one unique marker in every place a client controls — search values, path ids,
 * operation parameters, bodies (JSON, XML, broken), headers, tokens — valid ones, ones that provoke
 * a 4xx and ones known to have provoked a 5xx. A log test sends them and then asserts that the
 * marker appears nowhere in the output, with the apps' own packages logging at TRACE.
 */
public final class MarkerRequests implements AutoCloseable {

  /** Letters and digits only: neither URL- nor JSON-encoding changes it. */
  public final String marker;

  private final HttpClient http;
  private final String root;
  private final LoggingSystem logging;
  private final List<Integer> statuses;

  /** Requests to the app at {@code root}; sets the apps' own packages to TRACE until closed. */
  public MarkerRequests(SSLContext ssl, String root) {
    this(
        "Mrk" + UUID.randomUUID().toString().replace("-", "").substring(0, 14),
        ssl,
        root,
        LoggingSystem.get(MarkerRequests.class.getClassLoader()),
        new ArrayList<>());
    logging.setLogLevel("org.ccpfhir", LogLevel.TRACE);
  }

  private MarkerRequests(
      String marker, SSLContext ssl, String root, LoggingSystem logging, List<Integer> statuses) {
    this.marker = marker;
    this.http =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    this.root = root;
    this.logging = logging;
    this.statuses = statuses;
  }

  /** The same marker sent to another app (e.g. one the app under test calls, in the same JVM). */
  public MarkerRequests to(SSLContext ssl, String otherRoot) {
    return new MarkerRequests(marker, ssl, otherRoot, null, statuses);
  }

  /**
   * The FHIR requests of a HAPI server at {@code fhirPath} (e.g. {@code /fhir}) as the holder of
   * {@code token} (null: anonymous).
   */
  public void fhir(String fhirPath, String token) {
    String m = marker;
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\""
            + m
            + "\",\"identifier\":[{\"system\":\"urn:ccp:test\",\"value\":\""
            + m
            + "\"}],\"name\":[{\"family\":\""
            + m
            + "\"}],\"gender\":\""
            + m
            + "\",\"birthDate\":\"19"
            + m
            + "\"}";
    // search values: valid, invalid and known 5xx triggers
    for (String query :
        List.of(
            "/Patient?identifier=urn:ccp:test%7C" + m,
            "/Patient?name=" + m + "&_count=2",
            "/Patient?family:exact=" + m,
            "/Condition?subject:Patient.identifier=" + m,
            "/Patient?birthdate=" + m,
            "/Patient?birthdate=zz" + m + "2020-01-01",
            "/Patient?_filter=2020-13-45" + m,
            "/Patient?_id=%00" + m,
            "/Patient?_sort=" + m,
            "/Patient?_count=" + m,
            "/Patient?_include=" + m,
            "/Patient?" + m + "=1",
            "/Patient/" + m,
            "/Patient/" + m + "/_history/" + m,
            "/" + m,
            "/" + m + "/../Patient",
            "/Patient?_getpages=" + m,
            "?_getpages=" + m + "&_getpagesoffset=" + m,
            "/$upload-status?count=" + m,
            "/$withdraw-status?count=" + m)) {
      send("GET", fhirPath + query, token, null, null, Map.of());
    }
    // bodies
    send("POST", fhirPath + "/Patient", token, "application/fhir+json", patient, Map.of());
    send("PUT", fhirPath + "/Patient/" + m, token, "application/fhir+json", patient, Map.of());
    send(
        "POST",
        fhirPath + "/Patient",
        token,
        "application/fhir+json",
        "{\"resourceType\":\"Patient\",\"" + m + "\":",
        Map.of());
    send(
        "POST",
        fhirPath + "/Patient",
        token,
        "application/fhir+xml",
        "<Patient xmlns=\"http://hl7.org/fhir\"><" + m + " value=\"" + m + "\"/></Patient>",
        Map.of());
    send(
        "POST",
        fhirPath,
        token,
        "application/fhir+json",
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
            + patient
            + ",\"request\":{\"method\":\""
            + m
            + "\",\"url\":\"Patient?identifier="
            + m
            + "\"}}]}",
        Map.of());
    send(
        "POST",
        fhirPath,
        token,
        "application/fhir+json",
        "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":"
            + "\"GET\",\"url\":\"Patient?name="
            + m
            + "\"}},{\"request\":{\"method\":\"GET\",\"url\":\"Patient/"
            + m
            + "\"}}]}",
        Map.of());
    send("POST", fhirPath + "/" + m, token, "application/fhir+json", patient, Map.of());
    send("DELETE", fhirPath + "/Patient/" + m, token, null, null, Map.of());
    // headers
    send(
        "GET",
        fhirPath + "/Patient?_count=1",
        token,
        null,
        null,
        Map.of(
            "X-Request-Id",
            m,
            "User-Agent",
            m,
            "Prefer",
            "return=" + m,
            "Accept",
            "application/" + m));
    send(
        "POST",
        fhirPath + "/Patient",
        token,
        "application/" + m,
        patient,
        Map.of("If-None-Exist", "identifier=" + m));
    send(
        "PUT",
        fhirPath + "/Patient/" + m,
        token,
        "application/fhir+json",
        patient,
        Map.of("If-Match", "W/\"" + m + "\""));
    send("GET", fhirPath + "/Patient?_count=1", "x" + m, null, null, Map.of());
  }

  /** An operation called with Parameters whose names and values carry the marker. */
  public void operation(String path, String token) {
    String m = marker;
    for (String body :
        List.of(
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"" + m + "\"}]}",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"valueString\":\"" + m + "\"}]}",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\","
                + "\"valueString\":\""
                + m
                + "\"},{\"name\":\"task\",\"valueString\":\""
                + m
                + "\"},{\"name\":\"decision\",\"valueCode\":\""
                + m
                + "\"},{\"name\":\"count\",\"valueInteger\":\""
                + m
                + "\"}]}",
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\",\"resource\":"
                + "{\"resourceType\":\"Patient\",\"identifier\":[{\"value\":\""
                + m
                + "\"}]}}]}",
            "{\"resourceType\":\"" + m + "\"}",
            m)) {
      send("POST", path, token, "application/fhir+json", body, Map.of());
    }
    send("GET", path + "?" + m + "=" + m + "&count=" + m, token, null, null, Map.of());
  }

  /** A form login with the marker as user name and password. */
  public void login(String tokenPath) {
    send(
        "POST",
        tokenPath,
        null,
        "application/x-www-form-urlencoded",
        "grant_type=password&username=" + marker + "&password=" + marker,
        Map.of());
  }

  public void send(
      String method,
      String path,
      String token,
      String contentType,
      String body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      statuses.add(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (java.io.IOException e) {
      statuses.add(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Fails when the marker (in any case) is in the text, showing the lines that hold it. */
  public void assertNotIn(String output) {
    assertThat(statuses).as("requests answered").contains(200).anyMatch(s -> s >= 400);
    String needle = marker.toLowerCase(Locale.ROOT);
    List<String> lines =
        output
            .lines()
            .filter(line -> line.toLowerCase(Locale.ROOT).contains(needle))
            .limit(20)
            .toList();
    assertThat(lines).as("log lines with a client value").isEmpty();
  }

  /** The apps' own packages back at their configured level. */
  @Override
  public void close() {
    if (logging != null) {
      logging.setLogLevel("org.ccpfhir", null);
    }
  }
}
