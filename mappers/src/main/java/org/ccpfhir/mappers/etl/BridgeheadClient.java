package org.ccpfhir.mappers.etl;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Posts transaction bundles to a bridgehead's FHIR base with a bearer token: a given one, or one
 * fetched once with the client-credentials grant from the token endpoint. HTTPS trusts the given CA
 * certificate (PEM) in addition to nothing else, so a site CA works without touching the JDK.
 */
final class BridgeheadClient {

  static final String CONNECTION_FAILED = "connection failed";

  /** Outcome of one POST: ok, or the reason the bridgehead gave. */
  record Result(boolean ok, String reason) {

    /** The refusal's rule for the import report: the HTTP status the bridgehead answered. */
    String rule() {
      int space = reason.indexOf(':');
      return space < 0 ? reason : reason.substring(0, space);
    }
  }

  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http;
  private final FhirContext ctx;
  private final URI fhirBase;
  private String token;

  BridgeheadClient(HttpClient http, FhirContext ctx, URI fhirBase, String token) {
    this.http = http;
    this.ctx = ctx;
    this.fhirBase = fhirBase;
    this.token = token;
  }

  static HttpClient httpClient(Path caCert) throws IOException, GeneralSecurityException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
    if (caCert != null) {
      builder.sslContext(trusting(caCert));
    }
    return builder.build();
  }

  static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : cf.generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  /** Client-credentials grant; the secret goes in HTTP Basic auth, never into a log. */
  static String fetchToken(HttpClient http, URI tokenUrl, String clientId, String secret)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                        + ":"
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher m = ACCESS_TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IOException("token endpoint answered HTTP " + response.statusCode());
    }
    return m.group(1);
  }

  Result post(Bundle bundle) throws InterruptedException {
    String body = ctx.newJsonParser().encodeResourceToString(bundle);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fhirBase)
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/fhir+json")
            .header("Accept", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return new Result(true, "");
      }
      return new Result(false, "HTTP " + response.statusCode() + reason(response.body()));
    } catch (IOException e) {
      return new Result(false, CONNECTION_FAILED + ": " + e.getClass().getSimpleName());
    }
  }

  /** The OperationOutcome's issues (the bridgehead names entry, path and rule, never a value). */
  private String reason(String body) {
    try {
      IBaseResource parsed = ctx.newJsonParser().parseResource(body);
      if (parsed instanceof OperationOutcome oo) {
        return ": "
            + oo.getIssue().stream()
                .limit(3)
                .map(
                    i ->
                        (i.hasExpression() ? i.getExpression().get(0).getValue() + " " : "")
                            + i.getDiagnostics())
                .collect(Collectors.joining("; "));
      }
    } catch (RuntimeException notFhir) {
      // a proxy or gateway error page: the status says enough
    }
    return "";
  }
}
