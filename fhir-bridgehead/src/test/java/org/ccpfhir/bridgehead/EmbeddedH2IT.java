package org.ccpfhir.bridgehead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.LocalUploadSetting;
import org.ccpfhir.security.tls.ComponentTls;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.ccpfhir.testsupport.SecureClients;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default (H2 on disk) starts, ingests and answers without any external database. This
 * context also runs the reference (HL7) validator, so both validator kinds see real ingest, and it
 * starts on a database the previous release wrote (own tables with rows, before the one migration
 * path).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "ccp.ingest.validator=FULL")
@ActiveProfiles("demo")
class EmbeddedH2IT {

  @LocalServerPort int port;

  @Autowired FhirContext fhirContext;

  @Autowired ComponentTls tls;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("bridgehead-h2-it");
    previousRelease(dir);
    registry.add("ccp.data-dir", dir::toString);
    registry.add("ccp.tls.provision.ca-dir", () -> dir.resolve("network-ca").toString());
  }

  /** The features whose tables the previous release created, each by its own Flyway call. */
  private static final List<String> FEATURES =
      List.of(
          "ccp-audit",
          "ccp-consent",
          "ccp-searchagent",
          "ccp-upload",
          "ccp-withdrawal",
          "ccp-subjectaccess",
          "ccp-pseudonyms",
          "ccp-project-pseudonyms",
          "ccp-local-patients");

  private static final Map<String, Integer> HISTORY = new HashMap<>();

  /**
   * The site's database as the previous release left it: before the one migration path each
   * repository ran Flyway itself (same folders, same history tables); an admin pair had switched
   * local uploads on.
   */
  private static void previousRelease(Path dir) throws java.sql.SQLException {
    DataSource old =
        new DriverManagerDataSource("jdbc:h2:file:" + dir + "/fhir;MODE=LEGACY", "sa", "");
    // one connection held throughout: H2 closes a file database with its last connection, and
    // the many short-lived connections below then lost tables now and then (a different one per
    // run)
    try (java.sql.Connection keepOpen = old.getConnection()) {
      for (String feature : FEATURES) {
        Flyway.configure()
            .dataSource(old)
            .locations("classpath:db/" + feature)
            .table(feature.replace('-', '_') + "_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
      }
      JdbcTemplate jdbc = new JdbcTemplate(old);
      jdbc.update(
          "INSERT INTO ccp_local_upload_change (enabled, proposed_by, proposed_ms, confirmed_by,"
              + " confirmed_ms) VALUES (TRUE, 'admin-a', 1, 'admin-b', 2)");
      FEATURES.forEach(feature -> HISTORY.put(feature, historyRows(jdbc, feature)));
    }
  }

  private static int historyRows(JdbcTemplate jdbc, String feature) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM \"" + feature.replace('-', '_') + "_schema_history\"", Integer.class);
  }

  @Autowired LocalUploadSetting localUpload;

  @Autowired DataSource dataSource;

  @Test
  void aSiteDatabaseOfThePreviousReleaseKeepsItsRowsAndMigratesNothingTwice() {
    assertThat(localUpload.enabled()).isTrue();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ccp_local_upload_change", Integer.class))
        .isOne();
    FEATURES.forEach(
        feature ->
            assertThat(historyRows(jdbc, feature)).as(feature).isEqualTo(HISTORY.get(feature)));
    // HAPI's tables came from Hibernate beside them
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE", Integer.class)).isNotNull();
  }

  @Test
  void ingestsAGeneratedPatientIntoH2() {
    Bundle bundle = new SyntheticPatientGenerator(7, "TUE", EntryMode.POST, false).patient(0);
    SecureClients clients = new SecureClients(port, tls.caCertificate());
    String base = clients.fhirBase();

    clients
        .as("datamanager")
        .baseUri(base)
        .contentType("application/fhir+json")
        .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);

    int total =
        clients
            .as("datamanager")
            .baseUri(base)
            .get("/Patient?_summary=count")
            .then()
            .statusCode(200)
            .body("type", equalTo("searchset"))
            .extract()
            .path("total");
    assertThat(total).isEqualTo(1);
  }
}
