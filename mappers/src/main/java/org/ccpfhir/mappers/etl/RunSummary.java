package org.ccpfhir.mappers.etl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.ImportReport;

/** Counts of a run, one import report line per file, refused patients and rejected files. */
final class RunSummary {

  record Rejection(String file, String reason) {}

  int files;
  int messages;
  int patients;
  int resources;
  int bundlesSent;
  final List<Rejection> rejected = new ArrayList<>();
  final List<ImportReport> reports = new ArrayList<>();

  int patientsRefused() {
    return reports.stream().mapToInt(ImportReport::patientsRefused).sum();
  }

  void add(FileProcessor.Outcome o) {
    files++;
    messages += o.messages();
    patients += o.patients();
    resources += o.resources();
    bundlesSent += o.bundlesDone();
    if (o.rejection() != null) {
      rejected.add(new Rejection(o.file(), o.rejection()));
    }
    if (o.report() != null) {
      reports.add(o.report());
    }
  }

  void print(PrintWriter out, boolean dryRun) {
    out.printf(
        "files: %d, messages: %d, patients: %d, resources: %d, %s: %d, rejected: %d,"
            + " patients refused: %d%n",
        files,
        messages,
        patients,
        resources,
        dryRun ? "bundles validated" : "bundles posted",
        bundlesSent,
        rejected.size(),
        patientsRefused());
    for (ImportReport report : reports) {
      out.printf("  %s%n", report.summaryLine());
      for (ImportReport.Refusal r : report.refused()) {
        // the sender's own patient number, printed to the operator who ran the export
        out.printf(
            "    refused patient %s (%s, %s%s): %s%n",
            r.patient() == null ? "-" : r.patient(),
            r.stage(),
            r.rule(),
            r.element().isEmpty() ? "" : " at " + r.element(),
            r.message());
      }
    }
    for (Rejection r : rejected) {
      out.printf("  rejected %s: %s%n", r.file(), r.reason());
    }
    out.flush();
  }
}
