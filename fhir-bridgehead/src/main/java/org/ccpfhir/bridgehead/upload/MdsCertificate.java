package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Pem;

/**
 * The MDS database's certificate, which envelopes are encrypted for: the configured PEM file, or —
 * when none is configured — the certificate the MDS database presents in the TLS handshake (the
 * client already checked it against the network CA and the host name; here its name must be the
 * central {@code mds-search} component). Learnt once per process.
 */
public class MdsCertificate implements Supplier<X509Certificate> {

  static final String ROLE = "mds-search";

  private final Path file;
  private final URI mdsUrl;
  private final HttpClient http;
  private final Duration timeout;
  private volatile X509Certificate known;

  public MdsCertificate(Path file, URI mdsUrl, HttpClient http, Duration timeout) {
    this.file = file;
    this.mdsUrl = mdsUrl;
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public X509Certificate get() {
    X509Certificate certificate = known;
    if (certificate == null) {
      certificate = file != null ? Pem.readCertificate(file) : fromHandshake();
      known = certificate;
    }
    return certificate;
  }

  private X509Certificate fromHandshake() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(mdsUrl.toString().replaceAll("/+$", "") + "/metadata"))
            .timeout(timeout)
            .GET()
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      Certificate[] chain =
          response
              .sslSession()
              .orElseThrow(() -> new SSLPeerUnverifiedException("no TLS session"))
              .getPeerCertificates();
      X509Certificate certificate = (X509Certificate) chain[0];
      ComponentName name = ComponentName.fromCertificate(certificate);
      if (!ROLE.equals(name.role()) || !name.central()) {
        throw new UnprocessableEntityException(
            "ccp.upload.mds-url is served by " + name.cn() + ", not by the MDS database");
      }
      return certificate;
    } catch (IOException e) {
      throw new UpstreamException(503, "the MDS database cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(503, "interrupted while reaching the MDS database");
    }
  }
}
