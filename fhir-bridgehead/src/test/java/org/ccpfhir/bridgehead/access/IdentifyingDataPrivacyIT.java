package org.ccpfhir.bridgehead.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.IdatSweep;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.access.EndpointCatalog.Probe;
import org.ccpfhir.security.audit.AuditRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes a known name, birth date and address through every endpoint of the bridgehead — in the
 * query, the path and the body, as an unauthenticated caller, as the data manager and as the admin
 * — and then searches the audit trail, the log output and every table of the database for them.
 * Identifying data may only ever reach the local patient list, which is not part of the
 * bridgehead's FHIR database.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentifyingDataPrivacyIT extends PostgresIT {

  private static final String FAMILY = "Zwiebelmeier";
  private static final String GIVEN = "Hildegunde";
  private static final String BIRTH_DATE = "1947-03-12";
  private static final String STREET = "Quittenweg";
  private static final List<String> NEEDLES = List.of(FAMILY, GIVEN, BIRTH_DATE, STREET);

  @Autowired RestfulServer fhirServer;
  @Autowired ApplicationContext context;
  @Autowired AuditRecorder auditRecorder;
  @Autowired DataSource dataSource;

  @Test
  void identifyingDataNeverReachAuditLogsOrDatabase(CapturedOutput output) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(clients.sslContext()).build();
    List<String> tokens = new ArrayList<>();
    tokens.add(null);
    tokens.add(clients.token("datamanager"));
    tokens.add(clients.token("admin"));
    for (Probe probe : EndpointCatalog.probes(fhirServer, context)) {
      for (String token : tokens) {
        send(http, probe.method(), probe.path() + query(), body(probe.path()), token);
      }
    }
    send(http, "GET", "/fhir/Patient/" + FAMILY, null, tokens.get(1));
    send(http, "GET", "/fhir/Patient/" + enc(FAMILY + " " + GIVEN + " " + BIRTH_DATE), null, null);
    login(http);
    auditRecorder.flush();

    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM ccp_audit_event", Integer.class))
        .isGreaterThan(1000);
    List<String> tables = IdatSweep.tables(dataSource);
    assertThat(tables).contains("ccp_audit_event", "hfj_resource");
    List<String> found = IdatSweep.found(dataSource, tables, NEEDLES);
    assertThat(found).isEmpty();
    assertThat(output.getAll()).doesNotContain(NEEDLES);
  }

  private static String query() {
    return "?name="
        + FAMILY
        + "&given="
        + GIVEN
        + "&birthdate="
        + BIRTH_DATE
        + "&address="
        + enc(STREET + " 17")
        + "&identifier="
        + enc("urn:ccp:test|" + FAMILY)
        + "&subject:Patient.name="
        + FAMILY;
  }

  private static String body(String path) {
    String patient =
        "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""
            + FAMILY
            + "\",\"given\":[\""
            + GIVEN
            + "\"]}],\"birthDate\":\""
            + BIRTH_DATE
            + "\",\"address\":[{\"line\":[\""
            + STREET
            + " 17\"],\"city\":\"Heidelberg\"}]}";
    if (path.equals("/fhir")) {
      return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
          + patient
          + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
    }
    return patient;
  }

  private void login(HttpClient http) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(clients.root() + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=password&username=" + FAMILY + "&password=" + BIRTH_DATE))
            .build();
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
  }

  private void send(HttpClient http, String method, String path, String body, String token)
      throws Exception {
    boolean withBody = !method.equals("GET") && !method.equals("DELETE");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(clients.root() + path))
            .method(
                method,
                withBody
                    ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody())
            .header("Content-Type", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
