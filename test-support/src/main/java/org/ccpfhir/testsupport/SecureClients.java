package org.ccpfhir.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.impl.client.HttpClients;

/**
 * HTTPS clients for the apps' integration tests: trust the network CA of the app under test and log
 * in as one of its users through its local token issuer (password grant) or as an application
 * (client credentials). Tokens are cached per port and user for the whole test JVM.
 */
public final class SecureClients {

  // FHIR bodies are UTF-8; REST Assured would send "application/fhir+json" as ISO-8859-1, and a
  // "Günter" would arrive as "G�nter"
  private static final RestAssuredConfig UTF8 =
      RestAssured.config()
          .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8"));

  /** The demo users of the apps' configurations and their passwords. */
  public static final Map<String, String> DEMO_PASSWORDS =
      Map.of(
          "admin", "admin-demo",
          "admin2", "admin2-demo",
          "datamanager", "datamanager-demo",
          "approver", "approver-demo",
          "researcher", "researcher-demo",
          "linkage", "linkage-demo",
          "biobank", "biobank-demo",
          "oncology", "oncology-demo",
          "surgery", "surgery-demo",
          "oncology-biobank", "oncology-biobank-demo");

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private final int port;
  private final KeyStore trustStore;
  private final Map<String, String> passwords;

  /** Clients of the app on {@code port} whose users are the demo users. */
  public SecureClients(int port, X509Certificate networkCa) {
    this(port, networkCa, DEMO_PASSWORDS);
  }

  /** Clients of the app on {@code port} with the given users and passwords. */
  public SecureClients(int port, X509Certificate networkCa, Map<String, String> passwords) {
    this.port = port;
    this.passwords = Map.copyOf(passwords);
    this.trustStore = trustStore(networkCa);
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
                .formParam("password", passwords.get(user))
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

  /** Client context of another component: its key and certificate, trusting only the network CA. */
  public static SSLContext mutualTls(
      PrivateKey key, List<X509Certificate> chain, X509Certificate networkCa) {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      char[] password = "test".toCharArray();
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("component", key, password, chain.toArray(X509Certificate[]::new));
      keys.init(keyStore, password);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore(networkCa));
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

  private static KeyStore trustStore(X509Certificate networkCa) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("network-ca", networkCa);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
