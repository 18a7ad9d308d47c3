package org.ccpfhir.mappers.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * One file through the pipeline: map, check every bundle locally (unless switched off), then post
 * (unless dry run). A file that cannot be mapped or fails the check sends nothing. Thread-safe:
 * several files may be processed at once.
 */
final class FileProcessor {

  /** What became of one file; {@code rejection} is null when everything went through. */
  record Outcome(
      String file, int messages, int patients, int resources, int bundlesDone, String rejection) {

    static Outcome rejected(String file, String reason) {
      return new Outcome(file, 0, 0, 0, 0, reason);
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
    if (validator != null) {
      for (Bundle bundle : mapped.bundles()) {
        List<String> errors = validator.errors(bundle);
        if (!errors.isEmpty()) {
          return Outcome.rejected(
              name,
              "profile check: " + String.join("; ", errors.subList(0, Math.min(3, errors.size()))));
        }
      }
    }
    int done = 0;
    String rejection = null;
    if (client == null) {
      done = mapped.bundles().size();
    } else {
      for (Bundle bundle : mapped.bundles()) {
        BridgeheadClient.Result result = client.post(bundle);
        if (!result.ok()) {
          rejection = result.reason();
          break;
        }
        done++;
      }
    }
    return new Outcome(
        name, mapped.messages(), mapped.patients(), mapped.resources(), done, rejection);
  }
}
