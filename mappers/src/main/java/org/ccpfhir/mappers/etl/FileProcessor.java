package org.ccpfhir.mappers.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.ImportReport;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappingException;

/**
 * One file through the pipeline: map, check every patient's bundle locally (unless switched off),
 * then post each patient's bundle (unless dry run). A file that cannot be read at all sends
 * nothing; otherwise the patient is the unit: a patient refused by the tolerance policy, the local
 * check or the bridgehead is reported (source id, rule, element) and the others go through.
 * Thread-safe: several files may be processed at once.
 */
final class FileProcessor {

  /**
   * What became of one file; {@code rejection} is null unless the file as a whole was rejected
   * (then {@code report} is null) or the connection failed.
   */
  record Outcome(
      String file,
      int messages,
      int patients,
      int resources,
      int bundlesDone,
      String rejection,
      ImportReport report) {

    static Outcome rejected(String file, String reason) {
      return new Outcome(file, 0, 0, 0, 0, reason, null);
    }
  }

  private final FormatRouter router;
  private final DryRunValidator validator;
  private final BridgeheadClient client;

  /**
   * @param validator null to skip the local profile check
   * @param client null for a dry run
   */
  FileProcessor(FormatRouter router, DryRunValidator validator, BridgeheadClient client) {
    this.router = router;
    this.validator = validator;
    this.client = client;
  }

  Outcome process(Path file) throws InterruptedException {
    String name = file.getFileName().toString();
    MappedFile mapped;
    try (InputStream in = Files.newInputStream(file)) {
      mapped = router.mapperFor(file).map(in, name);
    } catch (MappingException e) {
      return Outcome.rejected(name, e.getMessage());
    } catch (IOException e) {
      return Outcome.rejected(name, "cannot read: " + e.getClass().getSimpleName());
    }
    List<ImportReport.Refusal> refused = new ArrayList<>();
    List<MappedPatient> valid = new ArrayList<>();
    for (MappedPatient patient : mapped.mapped()) {
      List<String> errors = validator == null ? List.of() : validator.errors(patient.bundle());
      if (errors.isEmpty()) {
        valid.add(patient);
      } else {
        String first = errors.get(0);
        int colon = first.indexOf(": ");
        refused.add(
            new ImportReport.Refusal(
                patient.sourceId(),
                "validation",
                "profile",
                colon < 0 ? "" : first.substring(0, colon),
                colon < 0 ? first : first.substring(colon + 2)));
      }
    }
    int done = 0;
    String rejection = null;
    if (client == null) {
      done = valid.size();
    } else {
      for (MappedPatient patient : valid) {
        BridgeheadClient.Result result = client.post(patient.bundle());
        if (result.ok()) {
          done++;
        } else if (result.reason().startsWith(BridgeheadClient.CONNECTION_FAILED)) {
          // nothing else will get through either
          rejection = result.reason();
          break;
        } else {
          refused.add(
              new ImportReport.Refusal(
                  patient.sourceId(), "storage", result.rule(), "", result.reason()));
        }
      }
    }
    ImportReport report = ImportReport.of(mapped, refused);
    return new Outcome(
        name,
        mapped.messages(),
        report.patientsStored(),
        report.resourceCount(),
        done,
        rejection,
        report);
  }
}
