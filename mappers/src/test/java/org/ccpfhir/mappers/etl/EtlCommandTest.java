package org.ccpfhir.mappers.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EtlCommandTest {

  @TempDir Path dir;
  HttpServer server;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  int run(String... args) {
    CommandLine cli = new CommandLine(new EtlCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  void inputs() throws Exception {
    write("a-obds.xml", ObdsDocuments.document(1, 2));
    write("b-bad.xml", ObdsDocuments.document(3, 1).replace("</Nachname>", "</Name>"));
    write("c-samples.csv", "patient_id;sample_id;sample_type\nP-1;S-1;dna\n");
    write(
        "d-report.txt",
        "Patient: P-1\nDocument: PATH-1\nDate: 2024-04-06\n\npT2a pN1 (1/12) cM0, G2, R0. 8140/3\n");
    try (InputStream in = getClass().getResourceAsStream("/adt/full-case.xml")) {
      Files.write(dir.resolve("e-adt.xml"), in.readAllBytes());
    }
  }

  @Test
  void dryRunValidatesEverythingReportsRejectionsAndFailsTheExitCode() throws Exception {
    inputs();
    int code = run("--site", "HD", "--dry-run", "--no-progress", "--threads", "3", dir.toString());
    String summary = out.toString();
    assertThat(code).isEqualTo(1);
    assertThat(summary)
        .contains("files: 5")
        .contains("rejected: 1")
        .contains("rejected b-bad.xml: b-bad.xml:")
        .contains("not-well-formed")
        .doesNotContain("Testname");
    // 2 oBDS patients + 1 CSV patient + 1 text report + 1 ADT patient
    assertThat(summary).contains("bundles validated: 5");
  }

  @Test
  void postsBundlesWithAClientCredentialsTokenAndShowsProgress() throws Exception {
    inputs();
    Files.delete(dir.resolve("b-bad.xml"));
    List<String> authorizations = new CopyOnWriteArrayList<>();
    AtomicInteger tokenCalls = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/oauth2/token",
        ex -> {
          tokenCalls.incrementAndGet();
          assertThat(ex.getRequestHeaders().getFirst("Authorization")).startsWith("Basic ");
          respond(ex, 200, "{\"access_token\":\"tok-123\",\"token_type\":\"Bearer\"}");
        });
    server.createContext(
        "/fhir",
        ex -> {
          authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(body).contains("\"type\":\"transaction\"");
          respond(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}");
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    int code =
        run(
            "--site",
            "HD",
            "--base",
            base,
            "--client-id",
            "etl",
            "--client-secret",
            "s3cret",
            dir.toString());
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(tokenCalls).hasValue(1);
    assertThat(authorizations).hasSize(5).allMatch("Bearer tok-123"::equals);
    assertThat(out.toString()).contains("bundles posted: 5").contains("rejected: 0");
    assertThat(err.toString()).contains("4/4 files");
  }

  @Test
  void aServerRefusalRefusesThatPatientAndTheOthersAreStillSent() throws Exception {
    write("a-obds.xml", ObdsDocuments.document(1, 2));
    AtomicInteger posts = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/fhir",
        ex -> {
          if (posts.incrementAndGet() == 1) {
            respond(
                ex,
                422,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"processing\",\"diagnostics\":\"rule mds-x\","
                    + "\"expression\":[\"Bundle.entry[1].resource\"]}]}");
          } else {
            respond(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}");
          }
        });
    server.start();
    int code =
        run(
            "--site",
            "HD",
            "--base",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "--token",
            "t",
            "--skip-local-validation",
            "--no-progress",
            dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(posts).hasValue(2);
    assertThat(out.toString())
        .contains("bundles posted: 1, rejected: 0, patients refused: 1")
        .contains("a-obds.xml: 1 patients stored, 1 refused, ")
        .contains(
            "refused patient P-1 (storage, HTTP 422): HTTP 422: Bundle.entry[1].resource rule mds-x")
        .doesNotContain("Testname");
  }

  @Test
  void refusedClientCredentialsEndTheRunWithoutAStackTrace() throws Exception {
    write("a-obds.xml", ObdsDocuments.document(1, 1));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token", ex -> respond(ex, 401, "{\"error\":\"invalid_client\"}"));
    server.start();
    int code =
        run(
            "--site",
            "HD",
            "--base",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "--client-id",
            "etl",
            "--client-secret",
            "wrong",
            dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("token endpoint answered HTTP 401")
        .doesNotContain("wrong")
        .doesNotContain("at org.");
  }

  @Test
  void baseIsRequiredWithoutDryRun() throws Exception {
    write("a.csv", "patient_id;sample_id;sample_type\n");
    assertThat(run("--site", "HD", dir.toString())).isEqualTo(2);
  }

  static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String json)
      throws java.io.IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/fhir+json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
