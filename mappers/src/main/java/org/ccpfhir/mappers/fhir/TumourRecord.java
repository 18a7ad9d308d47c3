package org.ccpfhir.mappers.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ccpfhir.mappers.fhir.Onco.Diagnosis;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.Histology;
import org.ccpfhir.mappers.fhir.Onco.Metastasis;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Residual;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.mappers.tolerance.Issues;

/**
 * Everything reported about one tumour, merged over messages applied oldest first: the diagnosis
 * field by field (a newer known value wins, an unknown one keeps the older), every other item by
 * its source key (a newer report with the same key replaces the older one).
 */
public final class TumourRecord {

  private final String key;
  private Diagnosis diagnosis;
  final Map<String, Histology> histologies = new LinkedHashMap<>();
  final Map<String, Tnm> tnms = new LinkedHashMap<>();
  final Map<String, Metastasis> metastases = new LinkedHashMap<>();
  final Map<String, Surgery> surgeries = new LinkedHashMap<>();
  final Map<String, Residual> residuals = new LinkedHashMap<>();
  final Map<String, Radiotherapy> radiotherapies = new LinkedHashMap<>();
  final Map<String, SystemicTherapy> systemicTherapies = new LinkedHashMap<>();
  final Map<String, FollowUp> followUps = new LinkedHashMap<>();

  private final Issues issues;

  public TumourRecord(String key) {
    this(key, new Issues());
  }

  /** A tumour of a patient whose issues (tolerance policy) are collected in {@code issues}. */
  public TumourRecord(String key, Issues issues) {
    this.key = key;
    this.issues = issues;
  }

  public Issues issues() {
    return issues;
  }

  public String key() {
    return key;
  }

  public Diagnosis diagnosis() {
    return diagnosis;
  }

  public void diagnosis(Diagnosis newer) {
    diagnosis = diagnosis == null ? newer : diagnosis.mergedWith(newer);
  }

  public void put(Histology h) {
    histologies.put(h.key(), h);
  }

  public void put(Tnm t) {
    tnms.put(t.key(), t);
  }

  public void put(Metastasis m) {
    metastases.put(m.location() + "|" + (m.date() == null ? "" : m.date().date()), m);
  }

  public void put(Surgery s) {
    surgeries.put(s.key(), s);
  }

  public void put(Residual r) {
    residuals.put(r.key(), r);
  }

  public void put(Radiotherapy r) {
    radiotherapies.put(r.key(), r);
  }

  public void put(SystemicTherapy s) {
    systemicTherapies.put(s.key(), s);
  }

  public void put(FollowUp f) {
    followUps.put(f.key(), f);
  }

  public Map<String, Histology> histologies() {
    return histologies;
  }

  public Map<String, Tnm> tnms() {
    return tnms;
  }

  public Map<String, Surgery> surgeries() {
    return surgeries;
  }

  public Map<String, FollowUp> followUps() {
    return followUps;
  }

  public Map<String, SystemicTherapy> systemicTherapies() {
    return systemicTherapies;
  }

  public Map<String, Radiotherapy> radiotherapies() {
    return radiotherapies;
  }
}
