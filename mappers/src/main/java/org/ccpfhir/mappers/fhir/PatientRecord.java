package org.ccpfhir.mappers.fhir;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ccpfhir.mappers.fhir.Onco.Death;
import org.ccpfhir.mappers.fhir.Onco.PatientData;
import org.ccpfhir.mappers.fhir.Onco.Pseudonym;
import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.mappers.tolerance.Issues;

/**
 * One patient's reports merged (see {@link TumourRecord} for the rule). Master data and death: the
 * newest report wins.
 */
public final class PatientRecord {

  private final String key;
  private PatientData data;
  private Death death;
  private Pseudonym pseudonym;
  private final Map<String, TumourRecord> tumours = new LinkedHashMap<>();
  private final Map<String, Sample> samples = new LinkedHashMap<>();
  private int messages;
  private final Issues issues = new Issues();

  public PatientRecord(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public PatientData data() {
    return data;
  }

  public void data(PatientData newer) {
    data = newer;
  }

  public Death death() {
    return death;
  }

  public void death(Death newer) {
    death = newer;
  }

  /** The local pseudonym when the source carries one; null for clinical exports with IDAT. */
  public Pseudonym pseudonym() {
    return pseudonym;
  }

  public void pseudonym(Pseudonym known) {
    pseudonym = known;
  }

  public TumourRecord tumour(String tumourKey) {
    return tumours.computeIfAbsent(tumourKey, k -> new TumourRecord(k, issues));
  }

  public Collection<TumourRecord> tumours() {
    return tumours.values();
  }

  public void put(Sample sample) {
    samples.put(sample.key(), sample);
  }

  public Collection<Sample> samples() {
    return samples.values();
  }

  /** Counts a source message (report) that contributed to this record. */
  public void countMessage() {
    messages++;
  }

  /** What the tolerance policy did with this patient's values; a refusal keeps it from storage. */
  public Issues issues() {
    return issues;
  }

  public int messages() {
    return messages;
  }
}
