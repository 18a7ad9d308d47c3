package org.ccpfhir.mappers.etl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Counts of a run and the rejected files with their reasons. */
final class RunSummary {

  record Rejection(String file, String reason) {}

  int files;
  int messages;
  int patients;
  int resources;
  int bundlesSent;
  final List<Rejection> rejected = new ArrayList<>();

  void add(FileProcessor.Outcome o) {
    files++;
    messages += o.messages();
    patients += o.patients();
    resources += o.resources();
    bundlesSent += o.bundlesDone();
    if (o.rejection() != null) {
      rejected.add(new Rejection(o.file(), o.rejection()));
    }
  }

  void print(PrintWriter out, boolean dryRun) {
    out.printf(
        "files: %d, messages: %d, patients: %d, resources: %d, %s: %d, rejected: %d%n",
        files,
        messages,
        patients,
        resources,
        dryRun ? "bundles validated" : "bundles posted",
        bundlesSent,
        rejected.size());
    for (Rejection r : rejected) {
      out.printf("  rejected %s: %s%n", r.file(), r.reason());
    }
    out.flush();
  }
}
