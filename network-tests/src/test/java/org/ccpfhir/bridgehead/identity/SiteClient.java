package org.ccpfhir.bridgehead.identity;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.testsupport.SecureClients;
import org.hl7.fhir.r4.model.Parameters;

/** Calls the identity components over mutual TLS as a site's bridgehead (another site than HD). */
public final class SiteClient {

  private final ComponentClient client;

  public SiteClient(Credential credential, X509Certificate ca, FhirContext fhir) {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SecureClients.mutualTls(credential.privateKey(), credential.chain(), ca))
            .build();
    client = new ComponentClient(http, fhir, Duration.ofSeconds(30));
  }

  public Parameters call(String base, String operation, Parameters input) {
    return client.call("component", URI.create(base), operation, input);
  }
}
