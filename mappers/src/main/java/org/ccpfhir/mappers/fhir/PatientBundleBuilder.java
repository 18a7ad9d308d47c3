package org.ccpfhir.mappers.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns a merged {@link PatientRecord} into one transaction bundle: the Patient first, then per
 * tumour the diagnosis, its observations, therapies and follow-ups, then vital status and samples.
 * Shared by every source format. Thread-safe.
 */
public final class PatientBundleBuilder {

  private final ResourceIds ids;

  public PatientBundleBuilder(ResourceIds ids) {
    this.ids = ids;
  }

  public ResourceIds ids() {
    return ids;
  }

  public Bundle build(PatientRecord record) {
    return Transactions.transaction(resources(record));
  }

  public List<Resource> resources(PatientRecord record) {
    Refs refs = new Refs(ids, record.key());
    PatientResources patients = new PatientResources(refs);
    TumourResources tumours = new TumourResources(refs);
    TherapyResources therapies = new TherapyResources(refs);
    FollowUpResources followUps = new FollowUpResources(refs);
    List<Resource> out = new ArrayList<>();
    out.add(patients.patient(record.data(), record.death(), record.pseudonym()));
    FollowUp latest = null;
    for (TumourRecord tumour : record.tumours()) {
      out.addAll(tumours.build(tumour));
      String tk = tumour.key();
      for (Surgery s : tumour.surgeries.values()) {
        out.add(therapies.surgery(tk, s));
      }
      for (Radiotherapy rt : tumour.radiotherapies.values()) {
        out.add(therapies.radiotherapy(tk, rt));
      }
      for (SystemicTherapy st : tumour.systemicTherapies.values()) {
        out.add(therapies.systemic(tk, st));
      }
      for (FollowUp f : tumour.followUps.values()) {
        followUps.build(tk, f, out);
        if (latest == null || f.date().isAfter(latest.date())) {
          latest = f;
        }
      }
    }
    Observation vital = patients.vitalStatus(record.death(), latest);
    if (vital != null) {
      out.add(vital);
    }
    SpecimenResources specimens = new SpecimenResources(refs, ids.site());
    record.samples().stream()
        .sorted(Comparator.comparing(s -> s.parentKey() == null ? 0 : 1))
        .map(specimens::specimen)
        .forEach(out::add);
    return out;
  }
}
