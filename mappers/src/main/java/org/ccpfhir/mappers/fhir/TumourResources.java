package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.Diagnosis;
import org.ccpfhir.mappers.fhir.Onco.Histology;
import org.ccpfhir.mappers.fhir.Onco.Metastasis;
import org.ccpfhir.mappers.fhir.Onco.Morphology;
import org.ccpfhir.mappers.fhir.Onco.Residual;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Primary diagnosis and the observations describing the tumour: histology, grading, TNM, M. */
public final class TumourResources {

  private final Refs refs;

  TumourResources(Refs refs) {
    this.refs = refs;
  }

  /**
   * All resources of one tumour except therapies and follow-ups. Without a known diagnosis the
   * Condition is left out but everything else still points at its id: the diagnosis may have been
   * imported before, and if not the bridgehead refuses the reference instead of data vanishing
   * here.
   */
  List<Resource> build(TumourRecord tumour) {
    List<Resource> out = new ArrayList<>();
    Diagnosis dx = tumour.diagnosis();
    String tk = tumour.key();
    Reference condition = refs.condition(tk);
    Condition cond = dx == null || dx.icd10() == null ? null : condition(tk, dx);
    if (cond != null) {
      out.add(cond);
    }
    for (Histology h : tumour.histologies.values()) {
      Observation hist = null;
      if (!h.morphologies().isEmpty()) {
        hist = histology(h, condition);
        out.add(hist);
        if (cond != null) {
          cond.addEvidence().addDetail(Refs.ref("Observation", hist.getIdPart()));
        }
      }
      if (h.grading() != null) {
        // the grading has the histology's own date or none: the diagnosis date is not copied
        Observation grading =
            grading(h, condition, h.date() == null ? null : Fhir.dateTime(h.date()));
        if (hist != null) {
          hist.addHasMember(Refs.ref("Observation", grading.getIdPart()));
        }
        out.add(grading);
      }
    }
    for (Tnm t : tumour.tnms.values()) {
      if (t.t() == null && t.n() == null && t.m() == null && t.stage() == null) {
        continue;
      }
      String id = refs.id(t.clinical() ? "tnmc" : "tnmp", tk, t.key());
      out.add(TnmObservations.tnm(id, t, refs.patient(), condition, null));
      if (cond != null) {
        cond.addStage().addAssessment(Refs.ref("Observation", id));
      }
    }
    for (Metastasis m : tumour.metastases.values()) {
      out.add(metastasis(tk, m, condition));
    }
    for (Residual r : tumour.residuals.values()) {
      out.add(residual(refs.id("residual", tk, r.key()), r, refs.patient(), condition));
    }
    return out;
  }

  private Condition condition(String tumourKey, Diagnosis dx) {
    Condition cond = new Condition();
    cond.setId(refs.conditionId(tumourKey));
    cond.getMeta().addProfile(MdsProfiles.PRIMARY_DIAGNOSIS);
    cond.setCode(concept(CodeSystems.ICD10_GM, Fhir.icd10Year(dx.icd10Version()), dx.icd10()));
    if (dx.topography() != null || dx.laterality() != null) {
      CodeableConcept bodySite = new CodeableConcept();
      if (dx.topography() != null) {
        bodySite.addCoding(
            new Coding(CodeSystems.ICDO3, dx.topography(), null)
                .setVersion(dx.topographyVersion()));
      }
      if (dx.laterality() != null) {
        bodySite.addCoding(new Coding(CodeSystems.LATERALITY, dx.laterality(), null));
      }
      cond.addBodySite(bodySite);
    }
    cond.setSubject(refs.patient());
    if (dx.date() != null) {
      cond.setOnset(Fhir.dateTime(dx.date()));
      cond.setRecordedDateElement(Fhir.dateTime(dx.date()));
    }
    return cond;
  }

  private Observation histology(Histology h, Reference condition) {
    Observation obs =
        TnmObservations.observation(
            refs.id("hist", h.key()),
            MdsProfiles.HISTOLOGY,
            MdsLoinc.HISTOLOGY,
            refs.patient(),
            condition);
    if (h.date() != null) {
      obs.setEffective(Fhir.dateTime(h.date()));
    }
    CodeableConcept value = new CodeableConcept();
    for (Morphology m : h.morphologies()) {
      value.addCoding(new Coding(CodeSystems.ICDO3, m.code(), null).setVersion(m.version()));
    }
    obs.setValue(value);
    return obs;
  }

  private Observation grading(Histology h, Reference condition, DateTimeType effective) {
    Observation obs =
        TnmObservations.observation(
            refs.id("grading", h.key()),
            MdsProfiles.GRADING,
            MdsLoinc.GRADING,
            refs.patient(),
            condition);
    if (effective != null) {
      obs.setEffective(effective);
    }
    obs.setValue(concept(CodeSystems.GRADING, h.grading()));
    return obs;
  }

  private Observation metastasis(String tumourKey, Metastasis m, Reference condition) {
    Observation obs =
        TnmObservations.observation(
            refs.id(
                "fm",
                tumourKey,
                m.location(),
                m.date() == null ? "undated" : m.date().date().toString()),
            MdsProfiles.DISTANT_METASTASIS,
            MdsLoinc.DISTANT_METASTASIS,
            refs.patient(),
            condition);
    if (m.date() != null) {
      obs.setEffective(Fhir.dateTime(m.date()));
    }
    obs.setValue(concept(CodeSystems.YES_NO_UNKNOWN, "J"));
    obs.setBodySite(concept(CodeSystems.METASTASIS_SITE, m.location()));
    return obs;
  }

  /** A residual-status Observation (local and/or overall assessment). */
  public static Observation residual(String id, Residual r, Reference subject, Reference focus) {
    boolean local = r.local() != null;
    Observation obs =
        TnmObservations.observation(
            id,
            MdsProfiles.RESIDUAL_STATUS,
            local ? MdsLoinc.RESIDUAL_LOCAL : MdsLoinc.RESIDUAL_OVERALL,
            subject,
            focus);
    if (r.date() != null) {
      obs.setEffective(Fhir.dateTime(r.date()));
    }
    CodeableConcept value = new CodeableConcept();
    if (local) {
      value.addCoding(new Coding(CodeSystems.RESIDUAL_LOCAL, r.local(), null));
    }
    if (r.overall() != null) {
      value.addCoding(new Coding(CodeSystems.RESIDUAL_OVERALL, r.overall(), null));
    }
    obs.setValue(value);
    return obs;
  }
}
