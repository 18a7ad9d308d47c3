package org.ccpfhir.bridgehead.searchagent;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;

/**
 * The site's only connection to the broker, always opened by the site (outbound): mutual TLS with
 * the site certificate, which is also how the broker knows which site calls.
 */
public class BrokerClient {

  /** A refusal or failure of the broker, with its HTTP status (0 when unreachable). */
  public static class BrokerException extends RuntimeException {
    private final int status;

    BrokerException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  private final FhirContext fhirContext;

  public BrokerClient(HttpClient http, URI brokerUrl, Duration timeout, FhirContext fhirContext) {
    this.http = http;
    String url = brokerUrl.toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeout = timeout;
    this.fhirContext = fhirContext;
  }

  /** The site's Tasks changed after {@code cursor} (null: all), held open up to {@code wait}. */
  public Bundle poll(String cursor, Duration wait) {
    String query =
        cursor == null
            ? ""
            : "?_lastUpdated=gt" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/Task" + query))
            .header("Prefer", "wait=" + wait.toSeconds())
            .timeout(wait.plus(timeout))
            .GET()
            .build();
    return fhirContext.newJsonParser().parseResource(Bundle.class, send(request));
  }

  public Task read(String taskId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/Task/" + taskId)).timeout(timeout).GET().build();
    return fhirContext.newJsonParser().parseResource(Task.class, send(request));
  }

  /** Sends the Task's new state; answers the Task as the broker stored it. */
  public Task update(Task task) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/Task/" + task.getIdPart()))
            .timeout(timeout)
            .header("Content-Type", "application/fhir+json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    fhirContext.newJsonParser().encodeResourceToString(task)))
            .build();
    return fhirContext.newJsonParser().parseResource(Task.class, send(request));
  }

  private String send(HttpRequest request) {
    HttpRequest withAccept =
        HttpRequest.newBuilder(request, (name, value) -> true)
            .header("Accept", "application/fhir+json")
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(withAccept, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BrokerException(0, "broker unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException(0, "interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      throw new BrokerException(
          response.statusCode(),
          "broker answered " + response.statusCode() + ": " + diagnostics(response.body()));
    }
    return response.body();
  }

  private String diagnostics(String body) {
    try {
      var outcome =
          fhirContext
              .newJsonParser()
              .parseResource(org.hl7.fhir.r4.model.OperationOutcome.class, body);
      return outcome.getIssueFirstRep().getDiagnostics();
    } catch (RuntimeException e) {
      return "(no OperationOutcome)";
    }
  }
}
