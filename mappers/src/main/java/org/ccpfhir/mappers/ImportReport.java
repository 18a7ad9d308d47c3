package org.ccpfhir.mappers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappedFile.RefusedPatient;
import org.ccpfhir.mappers.tolerance.Issue;

/**
 * What became of one source document: patients stored and refused (with source id, rule, element
 * and message), resources per type, and the tolerance policy's warnings by kind. The same report
 * for {@code $import-obds} (JSON in the answer) and {@code ccp-etl} (one summary line per file).
 * Holds source patient ids, which the sender knows; no other value of the document.
 *
 * @param warnings count per kind, {@code <action>/<rule>} (e.g. {@code
 *     normalised/tnm-suffix-dropped})
 * @param warningDetails the first {@link #MAX_DETAILS} warnings with patient and element
 */
public record ImportReport(
    String document,
    int patientsStored,
    int patientsRefused,
    Map<String, Integer> resources,
    Map<String, Integer> warnings,
    List<Refusal> refused,
    List<Warning> warningDetails) {

  /** Warnings listed one by one; the counts cover all. */
  public static final int MAX_DETAILS = 500;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * A refused patient.
   *
   * @param patient the source patient id (null for CSV/text files)
   * @param stage {@code mapping} (tolerance policy, schema), {@code validation} (profiles) or
   *     {@code storage}
   */
  public record Refusal(
      String patient, String stage, String rule, String element, String message) {}

  public record Warning(String patient, String kind, String element, String detail) {}

  /**
   * @param later patients refused after mapping (profile validation, storage), by source id
   */
  public static ImportReport of(MappedFile mapped, Collection<Refusal> later) {
    Set<String> refusedLater = later.stream().map(Refusal::patient).collect(Collectors.toSet());
    List<Refusal> refused = new ArrayList<>();
    for (RefusedPatient p : mapped.refused()) {
      Issue r = p.reason();
      refused.add(new Refusal(p.sourceId(), "mapping", r.rule(), r.element(), r.detail()));
    }
    refused.addAll(later);
    Map<String, Integer> resources = new TreeMap<>();
    int stored = 0;
    for (MappedPatient p : mapped.mapped()) {
      if (p.sourceId() != null && refusedLater.contains(p.sourceId())) {
        continue;
      }
      stored++;
      p.bundle()
          .getEntry()
          .forEach(e -> resources.merge(e.getResource().fhirType(), 1, Integer::sum));
    }
    Map<String, Integer> warnings = new TreeMap<>();
    List<Warning> details = new ArrayList<>();
    for (Issue w : mapped.documentIssues()) {
      count(warnings, details, null, w);
    }
    for (MappedPatient p : mapped.mapped()) {
      p.issues().forEach(w -> count(warnings, details, p.sourceId(), w));
    }
    for (RefusedPatient p : mapped.refused()) {
      p.issues().stream()
          .filter(i -> !i.refusal())
          .forEach(w -> count(warnings, details, p.sourceId(), w));
    }
    return new ImportReport(
        mapped.source(),
        stored,
        refused.size(),
        resources,
        warnings,
        List.copyOf(refused),
        List.copyOf(details));
  }

  private static void count(
      Map<String, Integer> warnings, List<Warning> details, String patient, Issue w) {
    String kind = w.action().label() + "/" + w.rule();
    warnings.merge(kind, 1, Integer::sum);
    if (details.size() < MAX_DETAILS) {
      details.add(new Warning(patient, kind, w.element(), w.detail()));
    }
  }

  public int resourceCount() {
    return resources.values().stream().mapToInt(Integer::intValue).sum();
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("import report not serialisable", e);
    }
  }

  /**
   * One line without patient ids, e.g. {@code export.xml: 998 patients stored, 2 refused, 20958
   * resources; warnings: normalised/tnm-suffix-dropped 12, ignored/cvc-pattern-valid 3}.
   */
  public String summaryLine() {
    String line =
        document
            + ": "
            + patientsStored
            + " patients stored, "
            + patientsRefused
            + " refused, "
            + resourceCount()
            + " resources";
    if (warnings.isEmpty()) {
      return line + "; no warnings";
    }
    return line
        + "; warnings: "
        + warnings.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
