package org.ccpfhir.synthetic;

import static org.ccpfhir.synthetic.Fhir.concept;

import java.time.LocalDate;
import org.ccpfhir.synthetic.PatientCase.Tnm;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;

/** TNMc / TNMp and distant-metastasis observations in the onco-core layout. */
final class TnmObservations {

  private TnmObservations() {}

  static Observation tnm(PatientIds ids, String suffix, Tnm tnm) {
    boolean p = tnm.pathological();
    Observation obs =
        Fhir.observation(
            ids,
            suffix,
            p ? Shapes.PROFILE_TNM_P : Shapes.PROFILE_TNM_C,
            p ? Shapes.LOINC_TNM_P : Shapes.LOINC_TNM_C,
            tnm.date(),
            true);
    obs.setValue(concept(Shapes.UICC, tnm.version(), tnm.stage()));
    obs.setMethod(concept(Shapes.TNM_VERSION, tnm.version()));
    obs.addComponent(
        prefixed(p ? Shapes.LOINC_T_P : Shapes.LOINC_T_C, tnm.tPrefix(), Shapes.TNM_T, tnm.t()));
    obs.addComponent(
        prefixed(p ? Shapes.LOINC_N_P : Shapes.LOINC_N_C, tnm.nPrefix(), Shapes.TNM_N, tnm.n()));
    obs.addComponent(
        prefixed(p ? Shapes.LOINC_M_P : Shapes.LOINC_M_C, tnm.mPrefix(), Shapes.TNM_M, tnm.m()));
    if (tnm.ySymbol() != null) {
      obs.addComponent(symbol(Shapes.LOINC_Y_SYMBOL, Shapes.TNM_Y, tnm.ySymbol()));
    }
    if (tnm.rSymbol() != null) {
      obs.addComponent(symbol(Shapes.LOINC_R_SYMBOL, Shapes.TNM_R, tnm.rSymbol()));
    }
    if (tnm.mSymbol() != null) {
      obs.addComponent(symbol(Shapes.LOINC_M_SYMBOL, Shapes.TNM_M_SYMBOL, tnm.mSymbol()));
    }
    return obs;
  }

  private static ObservationComponentComponent prefixed(
      String loincCode, String prefix, String system, String code) {
    ObservationComponentComponent comp = symbol(loincCode, system, code);
    comp.addExtension(Fhir.extension(Shapes.EXT_TNM_CPU, Shapes.TNM_CPU, prefix));
    return comp;
  }

  private static ObservationComponentComponent symbol(
      String loincCode, String system, String code) {
    ObservationComponentComponent comp = new ObservationComponentComponent(Fhir.loinc(loincCode));
    comp.setValue(concept(system, code));
    return comp;
  }

  static Observation distantMetastasis(
      PatientIds ids, String suffix, LocalDate date, String location) {
    Observation obs =
        Fhir.observation(
            ids,
            suffix,
            Shapes.PROFILE_DISTANT_METASTASIS,
            Shapes.LOINC_DISTANT_METASTASIS,
            date,
            true);
    obs.setValue(concept(Shapes.JNU, "J"));
    obs.setBodySite(concept(Shapes.FM_LOCATION, location));
    return obs;
  }
}
