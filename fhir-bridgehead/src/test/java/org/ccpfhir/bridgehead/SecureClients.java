package org.ccpfhir.bridgehead;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.impl.client.HttpClients;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.tls.ComponentTls;

/**
 * HTTPS clients for the bridgehead's tests: trust the network CA of the test context and log in as
 * one of the configured demo users (application.yml) through the local token issuer.
 */
public final class SecureClients {

  // FHIR bodies are UTF-8; REST Assured would send "application/fhir+json" as ISO-8859-1, and a
  // "Günter" would arrive as "G�nter"
  private static final RestAssuredConfig UTF8 =
      RestAssured.config()
          .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8"));

  /** Demo users of application.yml and their passwords. */
  public static final Map<String, String> PASSWORDS =
      Map.of(
          "admin", "admin-demo",
          "admin2", "admin2-demo",
          "datamanager", "datamanager-demo",
          "approver", "approver-demo",
          "researcher", "researcher-demo",
          "linkage", "linkage-demo");

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private final int port;
  private final KeyStore trustStore;

  public SecureClients(int port, ComponentTls tls) {
    this.port = port;
    try {
      trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry("network-ca", tls.caCertificate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String root() {
    return "https://localhost:" + port;
  }

  public String fhirBase() {
    return root() + "/fhir";
  }

  /** A request without credentials, trusting the network CA. */
  public RequestSpecification anonymous() {
    // config first: it replaces the whole configuration, the trust store included
    return RestAssured.given().config(UTF8).baseUri(root()).trustStore(trustStore);
  }

  /** A request as the given demo user. */
  public RequestSpecification as(String user) {
    return anonymous().auth().oauth2(token(user));
  }

  public String token(String user) {
    return TOKENS.computeIfAbsent(
        port + ":" + user,
        key ->
            anonymous()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("username", user)
                .formParam("password", PASSWORDS.get(user))
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token"));
  }

  /** A token of a demo application (client credentials), e.g. {@code clinical-system}. */
  public String applicationToken(String clientId, String secret) {
    return TOKENS.computeIfAbsent(
        port + ":client:" + clientId,
        key ->
            anonymous()
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token"));
  }

  /** A HAPI client on the FHIR base, logged in as the given demo user. */
  public IGenericClient fhirClient(FhirContext context, String user) {
    context
        .getRestfulClientFactory()
        .setHttpClient(HttpClients.custom().setSSLContext(sslContext()).build());
    IGenericClient client = context.newRestfulGenericClient(fhirBase());
    client.registerInterceptor(new BearerTokenAuthInterceptor(token(user)));
    return client;
  }

  /** Client context of another component: its certificate, trusting only the network CA. */
  public static SSLContext mutualTls(Credential credential, X509Certificate networkCa) {
    try {
      char[] password = "test".toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(credential.toKeyStore(password), password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("network-ca", networkCa);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public SSLContext sslContext() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
