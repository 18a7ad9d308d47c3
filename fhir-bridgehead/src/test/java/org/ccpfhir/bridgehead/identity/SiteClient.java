package org.ccpfhir.bridgehead.identity;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ccpfhir.identity.fhir.ComponentClient;
import org.ccpfhir.security.ca.Credential;
import org.hl7.fhir.r4.model.Parameters;

/** Calls the identity components over mutual TLS as a site's bridgehead (another site than HD). */
public final class SiteClient {

  private final ComponentClient client;

  public SiteClient(Credential credential, X509Certificate ca, FhirContext fhir) {
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
      HttpClient http = HttpClient.newBuilder().sslContext(context).build();
      client = new ComponentClient(http, fhir, Duration.ofSeconds(30));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Parameters call(String base, String operation, Parameters input) {
    return client.call("component", URI.create(base), operation, input);
  }
}
