package org.ccpfhir.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.audit.AuditRepository;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.testapp.TestComponentApplication;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two components with certificates of one network CA talk over real TLS on loopback. Certificates
 * from another CA, expired or revoked ones, and a site claiming to be another are refused, and each
 * refusal is in the called component's audit trail.
 */
class MutualTlsIT {

  private static final char[] PASSWORD = "it-password".toCharArray();

  @TempDir static Path dir;

  static NetworkCa ca;
  static ConfigurableApplicationContext bridgehead;
  static ConfigurableApplicationContext central;

  @BeforeAll
  static void startComponents() throws IOException {
    ca = NetworkCa.create(dir.resolve("ca"), PASSWORD, "IT network CA", Duration.ofDays(30));
    bridgehead = start(ComponentName.of("bridgehead", "HD"));
    central = start(ComponentName.of("mds-search", null));
  }

  @AfterAll
  static void stop() {
    if (bridgehead != null) {
      bridgehead.close();
    }
    if (central != null) {
      central.close();
    }
  }

  private static ConfigurableApplicationContext start(ComponentName name) throws IOException {
    Path keyStore = dir.resolve(name.cn() + ".p12");
    ca.issue(name, List.of("localhost"), Duration.ofDays(10)).writePkcs12(keyStore, PASSWORD);
    Path passwordFile = dir.resolve(name.cn() + ".password");
    Files.writeString(passwordFile, new String(PASSWORD));
    return new SpringApplicationBuilder(TestComponentApplication.class)
        .properties(
            "server.port=0",
            "spring.application.name=" + name.cn(),
            "spring.datasource.url=jdbc:h2:mem:" + name.role() + ";DB_CLOSE_DELAY=-1",
            "ccp.tls.enabled=true",
            "ccp.tls.key-store=" + keyStore.toString(),
            "ccp.tls.key-store-password-file=" + passwordFile.toString(),
            "ccp.tls.ca-certificate=" + dir.resolve("ca/ca.pem").toString(),
            "ccp.tls.crl-file=" + dir.resolve("ca/crl.pem").toString(),
            "ccp.auth.local-issuer.enabled=true",
            // an issuer that knows nobody is refused at start-up; these tests log in as no one
            "ccp.auth.local-issuer.users[0].username=nobody",
            "ccp.auth.local-issuer.users[0].password-hash={noop}unused-" + name.cn(),
            "ccp.auth.local-issuer.users[0].roles=metrics",
            "spring.flyway.enabled=false",
            "ccp.audit.observer=" + name.cn())
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static HttpResponse<String> identity(HttpClient client, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port(central) + "/ccp/identity"));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A client presenting the given credential, trusting the network CA. */
  private static HttpClient clientWith(Credential credential) throws Exception {
    ComponentTls centralTls = central.getBean(ComponentTls.class);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        new KeyManager[] {new SingleKeyManager(credential)},
        new TrustManager[] {
          new ServerCertificateTrustManager(centralTls.verifier(), centralTls.caCertificate())
        },
        null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  private static List<AuditEvent> refusalsOf(String detailPart) {
    central.getBean(AuditRecorder.class).flush();
    return central.getBean(AuditRepository.class).search(AuditRepository.Query.all()).stream()
        .filter(e -> e.getOutcomeDesc() != null && e.getOutcomeDesc().contains(detailPart))
        .toList();
  }

  @Test
  void aComponentCallsAnotherWithItsCertificate() throws Exception {
    HttpClient client = bridgehead.getBean(ComponentTls.class).httpClient(Duration.ofSeconds(5));

    HttpResponse<String> response = identity(client, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"bridgehead.HD\"").contains("\"HD\"");
    assertThat(response.body()).contains("\"component\"");
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedAndAudited() throws Exception {
    NetworkCa other =
        NetworkCa.create(dir.resolve("other-ca"), PASSWORD, "foreign CA", Duration.ofDays(30));
    Credential foreign =
        other.issue(ComponentName.of("bridgehead", "XX"), List.of("localhost"), Duration.ofDays(5));

    assertThatThrownBy(() -> identity(clientWith(foreign), Map.of()))
        .isInstanceOf(IOException.class);
    assertThat(refusalsOf("UNKNOWN_ISSUER")).isNotEmpty();
  }

  @Test
  void anExpiredCertificateIsRefusedAndAudited() throws Exception {
    Instant now = Instant.now();
    Credential expired =
        ca.issue(
            ComponentName.of("bridgehead", "EXP"),
            List.of("localhost"),
            now.minus(Duration.ofDays(20)),
            now.minus(Duration.ofDays(1)));

    assertThatThrownBy(() -> identity(clientWith(expired), Map.of()))
        .isInstanceOf(IOException.class);
    assertThat(refusalsOf("EXPIRED")).isNotEmpty();
  }

  @Test
  void aRevokedCertificateIsRefusedAndAudited() throws Exception {
    Credential soonRevoked =
        ca.issue(ComponentName.of("bridgehead", "REV"), List.of("localhost"), Duration.ofDays(5));
    assertThat(identity(clientWith(soonRevoked), Map.of()).statusCode()).isEqualTo(200);

    ca.revoke(soonRevoked.certificate().getSerialNumber(), 1);

    assertThatThrownBy(() -> identity(clientWith(soonRevoked), Map.of()))
        .isInstanceOf(IOException.class);
    assertThat(refusalsOf("REVOKED")).isNotEmpty();
  }

  @Test
  void aSiteCannotActAsAnotherSite() throws Exception {
    HttpClient client = bridgehead.getBean(ComponentTls.class).httpClient(Duration.ofSeconds(5));

    HttpResponse<String> response =
        identity(client, Map.of(ComponentCertificateFilter.SITE_HEADER, "TUE"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("OperationOutcome").contains("another site");
    assertThat(refusalsOf("cannot act for another site"))
        .anySatisfy(
            e ->
                assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue())
                    .isEqualTo("bridgehead.HD"));
  }

  @Test
  void withoutCertificateOrTokenTheCallIsUnauthenticated() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    ComponentTls centralTls = central.getBean(ComponentTls.class);
    context.init(
        null,
        new TrustManager[] {
          new ServerCertificateTrustManager(centralTls.verifier(), centralTls.caCertificate())
        },
        null);
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();

    HttpResponse<String> response = identity(client, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("OperationOutcome");
  }
}
