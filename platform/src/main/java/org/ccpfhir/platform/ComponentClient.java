package org.ccpfhir.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Calls a FHIR operation of another component over mutual TLS (the HTTP client presents this
 * component's certificate). A refusal by the other side becomes a 422 naming that component; an
 * unreachable or failing component a 503. Bodies are never logged: they may hold IDAT.
 */
public class ComponentClient {

  private final HttpClient http;
  private final FhirContext fhir;
  private final Duration timeout;

  public ComponentClient(HttpClient http, FhirContext fhir, Duration timeout) {
    this.http = http;
    this.fhir = fhir;
    this.timeout = timeout;
  }

  /**
   * {@code POST base/$operation} with {@code input}.
   *
   * @param component name of the called component, for error messages
   */
  public Parameters call(String component, URI base, String operation, Parameters input) {
    String url = base.toString().replaceAll("/+$", "") + "/" + operation;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/fhir+json")
            .header("Accept", "application/fhir+json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    fhir.newJsonParser().encodeResourceToString(input), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UpstreamException(503, "the " + component + " cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(503, "interrupted while calling the " + component);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return fhir.newJsonParser().parseResource(Parameters.class, response.body());
      } catch (DataFormatException e) {
        throw new UpstreamException(502, "the " + component + " answered something unreadable");
      }
    }
    String reason = reason(response.body());
    if (status >= 400 && status < 500) {
      throw new UnprocessableEntityException(
          "the " + component + " refused the request (" + status + "): " + reason);
    }
    throw new UpstreamException(503, "the " + component + " failed (" + status + ")");
  }

  private String reason(String body) {
    try {
      OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, body);
      return outcome.getIssueFirstRep().getDiagnostics();
    } catch (DataFormatException | ClassCastException e) {
      return "no details";
    }
  }
}
