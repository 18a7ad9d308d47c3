package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ccpfhir.security.ca.Credential;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;

/** The tests acting as a site's bridgehead: mutual TLS with the site's certificate. */
final class SiteConnection {

  private final HttpClient http;
  private final String base;
  private final FhirContext fhir = FhirContext.forR4Cached();

  SiteConnection(Credential credential, X509Certificate ca, String base) {
    this.base = base;
    try {
      char[] password = "test".toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(credential.toKeyStore(password), password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("network-ca", ca);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      http = HttpClient.newBuilder().sslContext(context).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The long-poll: this site's Tasks changed after the cursor, waiting up to {@code wait}. */
  Bundle poll(String cursor, int waitSeconds) {
    String query = cursor == null ? "" : "?_lastUpdated=gt" + cursor;
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/Task" + query))
                .header("Prefer", "wait=" + waitSeconds)
                .timeout(Duration.ofSeconds(waitSeconds + 10))
                .GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return fhir.newJsonParser().parseResource(Bundle.class, response.body());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + "/" + path)).GET());
  }

  HttpResponse<String> put(Task task) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/Task/" + task.getIdPart()))
            .header("Content-Type", "application/fhir+json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    fhir.newJsonParser().encodeResourceToString(task))));
  }

  Task read(String id) {
    HttpResponse<String> response = get("Task/" + id);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return fhir.newJsonParser().parseResource(Task.class, response.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.header("Accept", "application/fhir+json").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
