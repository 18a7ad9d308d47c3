package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Reference;

/** TNMc / TNMp Observations in the onco-core layout (components T, N, M, m, y, r). */
public final class TnmObservations {

  private TnmObservations() {}

  /**
   * @param focus the primary diagnosis, or null when unknown (e.g. text mining without a case)
   * @param effective date to use when the classification has none of its own (may be null): the
   *     date of the document the classification was found in, never another finding's date
   */
  public static Observation tnm(
      String id, Tnm tnm, Reference subject, Reference focus, DateTimeType effective) {
    boolean c = tnm.clinical();
    Observation obs =
        observation(
            id,
            c ? MdsProfiles.TNM_CLINICAL : MdsProfiles.TNM_PATHOLOGICAL,
            c ? MdsLoinc.TNM_CLINICAL : MdsLoinc.TNM_PATHOLOGICAL,
            subject,
            focus);
    if (tnm.date() != null) {
      obs.setEffective(Fhir.dateTime(tnm.date()));
    } else if (effective != null) {
      obs.setEffective(effective);
    }
    if (tnm.stage() != null) {
      obs.setValue(concept(CodeSystems.UICC_STAGE, tnm.version(), tnm.stage()));
    }
    if (tnm.version() != null) {
      obs.setMethod(concept(CodeSystems.TNM_VERSION, tnm.version()));
    }
    if (tnm.t() != null) {
      obs.addComponent(
          prefixed(
              c ? MdsLoinc.TNM_T_CLINICAL : MdsLoinc.TNM_T_PATHOLOGICAL,
              tnm.tPrefix(),
              CodeSystems.TNM_T,
              tnm.t()));
    }
    if (tnm.n() != null) {
      obs.addComponent(
          prefixed(
              c ? MdsLoinc.TNM_N_CLINICAL : MdsLoinc.TNM_N_PATHOLOGICAL,
              tnm.nPrefix(),
              CodeSystems.TNM_N,
              tnm.n()));
    }
    if (tnm.m() != null) {
      obs.addComponent(
          prefixed(
              c ? MdsLoinc.TNM_M_CLINICAL : MdsLoinc.TNM_M_PATHOLOGICAL,
              tnm.mPrefix(),
              CodeSystems.TNM_M,
              tnm.m()));
    }
    if (tnm.ySymbol() != null) {
      obs.addComponent(symbol(MdsLoinc.TNM_Y_SYMBOL, CodeSystems.TNM_Y_SYMBOL, tnm.ySymbol()));
    }
    if (tnm.rSymbol() != null) {
      obs.addComponent(symbol(MdsLoinc.TNM_R_SYMBOL, CodeSystems.TNM_R_SYMBOL, tnm.rSymbol()));
    }
    if (tnm.mSymbol() != null) {
      obs.addComponent(symbol(MdsLoinc.TNM_M_SYMBOL, CodeSystems.TNM_M_SYMBOL, tnm.mSymbol()));
    }
    for (String note : tnm.notes()) {
      obs.addNote().setText(note);
    }
    return obs;
  }

  /** An Observation with the parts every MDS Observation shares. */
  public static Observation observation(
      String id, String profile, String loincCode, Reference subject, Reference focus) {
    Observation obs = new Observation();
    obs.setId(id);
    obs.getMeta().addProfile(profile);
    obs.setStatus(Observation.ObservationStatus.FINAL);
    obs.setCode(Fhir.loinc(loincCode));
    obs.setSubject(subject);
    if (focus != null) {
      obs.addFocus(focus);
    }
    return obs;
  }

  private static ObservationComponentComponent prefixed(
      String loincCode, String prefix, String system, String code) {
    ObservationComponentComponent comp = symbol(loincCode, system, code);
    if (prefix != null) {
      comp.addExtension(
          Fhir.extension(MdsProfiles.EXT_TNM_CPU_PREFIX, CodeSystems.TNM_CPU_PREFIX, prefix));
    }
    return comp;
  }

  private static ObservationComponentComponent symbol(
      String loincCode, String system, String code) {
    ObservationComponentComponent comp = new ObservationComponentComponent(Fhir.loinc(loincCode));
    comp.setValue(concept(system, code));
    return comp;
  }
}
