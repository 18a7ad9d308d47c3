package org.ccpfhir.mappers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ccpfhir.mappers.tolerance.Issue;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What one source file became: one transaction bundle per patient that can be stored, the patients
 * refused by the tolerance policy (mappers/README.md), and what was normalised, dropped or ignored
 * on the way.
 *
 * @param mapped the patients to store, in document order
 * @param refused the patients refused while mapping, in document order
 * @param documentIssues issues outside every patient (ignored schema problems on sender data)
 * @param messages source reports (oBDS/ADT messages, CSV rows, text documents) read
 */
public record MappedFile(
    String source,
    List<MappedPatient> mapped,
    List<RefusedPatient> refused,
    List<Issue> documentIssues,
    int messages) {

  /** A patient's bundle with the issues the policy noted on the way (none of them a refusal). */
  public record MappedPatient(String sourceId, Bundle bundle, List<Issue> issues) {}

  /**
   * A patient that is not stored: its source id (the sender's patient number, which the sender
   * knows), the first reason and all issues.
   */
  public record RefusedPatient(String sourceId, Issue reason, List<Issue> issues) {}

  /** Formats without patient-level tolerance (CSV, text): every bundle stored or the file fails. */
  public MappedFile(String source, List<Bundle> bundles, int messages) {
    this(source, withoutIds(bundles), List.of(), List.of(), messages);
  }

  private static List<MappedPatient> withoutIds(List<Bundle> bundles) {
    List<MappedPatient> out = new ArrayList<>(bundles.size());
    bundles.forEach(b -> out.add(new MappedPatient(null, b, List.of())));
    return out;
  }

  /** The bundles of the patients to store. */
  public List<Bundle> bundles() {
    return mapped.stream().map(MappedPatient::bundle).toList();
  }

  /** Patients to store (refused ones not counted). */
  public int patients() {
    return mapped.size();
  }

  public int resources() {
    return mapped.stream().mapToInt(p -> p.bundle().getEntry().size()).sum();
  }

  /** Every issue that is not a refusal: the document's, the stored and the refused patients'. */
  public List<Issue> warnings() {
    List<Issue> out = new ArrayList<>(documentIssues);
    mapped.forEach(p -> out.addAll(p.issues()));
    refused.forEach(p -> p.issues().stream().filter(i -> !i.refusal()).forEach(out::add));
    return Collections.unmodifiableList(out);
  }
}
