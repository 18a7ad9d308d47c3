package org.ccpfhir.bridgehead.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.importer.ImportFixtures.Document;
import org.ccpfhir.mappers.etl.EtlCommand;
import org.ccpfhir.security.ca.Pem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ccp-etl} against the real bridgehead: HTTPS with the network CA, the client-credentials
 * grant of the demo client {@code clinical-system}, the bridgehead's ingest and pseudonymization.
 */
class EtlAgainstBridgeheadIT extends PostgresIT {

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  @Test
  void aFolderIsImportedAndSearchable() throws IOException {
    Document first = ImportFixtures.obds();
    Document second = ImportFixtures.obds();
    Document adt = ImportFixtures.adt();
    Path input = Files.createDirectories(dir.resolve("exports"));
    Files.write(input.resolve("first.xml"), first.bytes());
    Files.write(input.resolve("second.xml"), second.bytes());
    Files.write(input.resolve("adt.xml"), adt.bytes());

    Run run = etl(input);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("files: 3, messages: ")
        .contains("patients: 3, resources: 58, bundles posted: 3, rejected: 0");
    for (Document doc : new Document[] {first, second, adt}) {
      String patientId = doc.patientId();
      Patient stored = client.read().resource(Patient.class).withId(patientId).execute();
      assertThat(stored.hasName()).isFalse();
      assertThat(stored.getIdentifier())
          .anySatisfy(i -> assertThat(i.getSystem()).endsWith("/sid/pseudonym/BK-HD-L"));
      assertThat(count("Condition", patientId)).isEqualTo(1);
    }
    assertThat(count("Observation", first.patientId())).isEqualTo(13);
    assertThat(count("Procedure", first.patientId())).isEqualTo(2);
  }

  @Test
  void theEtlAndTheOperationGiveTheSameIds() throws IOException {
    Document doc = ImportFixtures.obds();
    clients
        .as("datamanager")
        .contentType("application/xml")
        .body(doc.bytes())
        .post(ObdsImportIT.OPERATION)
        .then()
        .statusCode(200);
    String patientId = doc.patientId();
    int observations = count("Observation", patientId);
    Path input = Files.createDirectories(dir.resolve("again"));
    Files.write(input.resolve("again.xml"), doc.bytes());

    Run run = etl(input);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(count("Patient", "_id", patientId)).isEqualTo(1);
    assertThat(count("Condition", patientId)).isEqualTo(1);
    assertThat(count("Observation", patientId)).isEqualTo(observations);
  }

  @Test
  void aBadPatientIsRefusedAndTheOthersAreStillImported() throws IOException {
    Document good = ImportFixtures.obds();
    Document otherGood = ImportFixtures.obds();
    Document bad = ImportFixtures.obds();
    Path input = Files.createDirectories(dir.resolve("mixed"));
    Files.write(input.resolve("a-good.xml"), good.bytes());
    Files.write(
        input.resolve("b-bad.xml"),
        bad.with("<Geschlecht>W</Geschlecht>", "<Geschlecht>Q</Geschlecht>").bytes());
    Files.write(input.resolve("c-good.xml"), otherGood.bytes());

    Run run = etl(input);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out())
        .contains("files: 3,")
        .contains("rejected: 0, patients refused: 1")
        .contains("b-bad.xml: 0 patients stored, 1 refused")
        .contains(
            "refused patient "
                + bad.sourcePatientId()
                + " (mapping, cvc-enumeration-valid at Patienten_Stammdaten/Geschlecht): line 16,")
        .doesNotContain(bad.familyName());
    assertThat(count("Condition", good.patientId())).isEqualTo(1);
    assertThat(count("Condition", otherGood.patientId())).isEqualTo(1);
    assertThat(count("Patient", "_id", bad.patientId())).isZero();
  }

  private Run etl(Path input) throws IOException {
    Path ca = dir.resolve("network-ca.pem");
    if (!Files.exists(ca)) {
      Pem.write(ca, tls.caCertificate());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new EtlCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exitCode =
        command.execute(
            "--site",
            "HD",
            "--base",
            clients.root(),
            "--client-id",
            "clinical-system",
            "--client-secret",
            "clinical-system-demo",
            "--cacert",
            ca.toString(),
            "--no-progress",
            input.toString());
    return new Run(exitCode, out.toString(), err.toString());
  }

  private int count(String type, String patientId) {
    return count(type, "subject", "Patient/" + patientId);
  }

  private int count(String type, String parameter, String value) {
    return client
        .search()
        .byUrl(type + "?" + parameter + "=" + value + "&_summary=count")
        .returnBundle(Bundle.class)
        .execute()
        .getTotal();
  }
}
