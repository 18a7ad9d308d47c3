package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCliTest {

  @Test
  void writesOneFilePerPatientByDefault(@TempDir Path dir) throws IOException {
    int status = run("--site", "HD", "--count", "5", "--seed", "42", "--out", dir.toString());
    assertThat(status).isZero();
    assertThat(files(dir))
        .containsExactly(
            "hd-000000.json",
            "hd-000001.json",
            "hd-000002.json",
            "hd-000003.json",
            "hd-000004.json");
    Bundle bundle = read(dir.resolve("hd-000002.json"));
    assertThat(bundle.getEntryFirstRep().getRequest().getUrl()).isEqualTo("Patient/hd-2");
  }

  @Test
  void mergesPatientsPerFileAndIsReproducible(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String[] args = {
      "--site",
      "tue",
      "--count",
      "7",
      "--seed",
      "3",
      "--mode",
      "post",
      "--per-file",
      "3",
      "--from",
      "10",
      "--idat",
      "--out",
      ""
    };
    args[args.length - 1] = a.toString();
    assertThat(run(args)).isZero();
    args[args.length - 1] = b.toString();
    assertThat(run(args)).isZero();
    assertThat(files(a)).containsExactly("tue-000010.json", "tue-000013.json", "tue-000016.json");
    for (String f : files(a)) {
      assertThat(Files.readAllBytes(b.resolve(f))).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    Bundle first = read(a.resolve("tue-000010.json"));
    long patients =
        first.getEntry().stream().filter(e -> e.getResource() instanceof Patient).count();
    assertThat(patients).isEqualTo(3);
    assertThat(first.getEntryFirstRep().getFullUrl()).startsWith("urn:uuid:");
    Patient patient = (Patient) first.getEntryFirstRep().getResource();
    assertThat(patient.hasName()).isTrue();
    Bundle last = read(a.resolve("tue-000016.json"));
    assertThat(last.getEntry().stream().filter(e -> e.getResource() instanceof Patient).count())
        .isEqualTo(1);
  }

  @Test
  void rejectsBadArguments(@TempDir Path dir) {
    assertThat(run("--site", "HD", "--count", "5", "--out", dir.toString())).isEqualTo(2);
    assertThat(run("--site", "HD", "--count", "x", "--seed", "1", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(
            run(
                "--site",
                "HD",
                "--count",
                "1",
                "--seed",
                "1",
                "--mode",
                "patch",
                "--out",
                dir.toString()))
        .isEqualTo(2);
    assertThat(run("--bogus")).isEqualTo(2);
  }

  @Test
  void runsSeveralSitesInOneJvmAndStopsAtTheFirstBadRun(@TempDir Path dir) throws IOException {
    Path hd = dir.resolve("hd");
    Path dd = dir.resolve("dd");
    String[] twoSites = {
      "--site",
      "HD",
      "--count",
      "2",
      "--seed",
      "1",
      "--out",
      hd.toString(),
      "--next",
      "--site",
      "DD",
      "--count",
      "3",
      "--seed",
      "3",
      "--out",
      dd.toString()
    };
    assertThat(runAll(twoSites)).isZero();
    assertThat(files(hd)).containsExactly("hd-000000.json", "hd-000001.json");
    assertThat(files(dd)).containsExactly("dd-000000.json", "dd-000001.json", "dd-000002.json");

    Path never = dir.resolve("never");
    assertThat(
            runAll(
                "--site",
                "HD",
                "--count",
                "1",
                "--out",
                dir.toString(),
                "--next",
                "--site",
                "DD",
                "--count",
                "1",
                "--seed",
                "3",
                "--out",
                never.toString()))
        .isEqualTo(2);
    assertThat(never).doesNotExist();
  }

  private static int runAll(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    return GenerateCli.runAll(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static int run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    return GenerateCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Bundle read(Path file) throws IOException {
    return FhirContext.forR4Cached()
        .newJsonParser()
        .parseResource(Bundle.class, Files.readString(file, StandardCharsets.UTF_8));
  }
}
