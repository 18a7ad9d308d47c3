package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * The clinical story of one synthetic patient, sampled before any FHIR is built so that the story
 * is internally consistent (dates in order, M1 ⇒ stage IV and metastasis findings, deaths after the
 * last treatment).
 */
record PatientCase(
    int index,
    String pseudonym,
    AdministrativeGender gender,
    LocalDate birthDate,
    LocalDate deathDate,
    TumorEntity entity,
    TumorEntity.Site site,
    String laterality,
    LocalDate diagnosisDate,
    String icd10Version,
    String morphology,
    String grading,
    int stageIndex,
    Tnm clinicalTnm,
    Tnm pathologicalTnm,
    List<String> metastasisSites,
    Surgery surgery,
    Radiotherapy radiotherapy,
    List<SystemicTherapy> systemicTherapies,
    List<FollowUp> followUps,
    List<Sample> samples,
    Idat idat) {

  boolean deceased() {
    return deathDate != null;
  }

  /** The TNM that decides the stage: pathological if present, else clinical. */
  Tnm leadingTnm() {
    return pathologicalTnm != null ? pathologicalTnm : clinicalTnm;
  }

  /** One TNM classification. Prefixes are c/p/u; symbols null when absent. */
  record Tnm(
      boolean pathological,
      LocalDate date,
      String version,
      String stage,
      String t,
      String n,
      String m,
      String tPrefix,
      String nPrefix,
      String mPrefix,
      String ySymbol,
      String rSymbol,
      String mSymbol) {

    boolean distantMetastasis() {
      return m.startsWith("1");
    }
  }

  record Surgery(
      LocalDate date,
      String intention,
      String opsCode,
      String residualLocal,
      String residualTotal) {}

  record Radiotherapy(LocalDate start, LocalDate end, String intention, String relationToSurgery) {}

  /** Category is a SYSTTherapieartCS code: CH, HO, IM, ZS, SZ. */
  record SystemicTherapy(
      String category,
      LocalDate start,
      LocalDate end,
      String intention,
      String relationToSurgery,
      TumorEntity.Regimen regimen) {}

  /** Codes of GesamtbeurteilungTumorstatusCS and the three Verlauf* code systems. */
  record FollowUp(
      LocalDate date, String overall, String local, String lymphNodes, String metastases) {}

  /** Type is a BBMRI SampleMaterialType code; topography only for tissue. */
  record Sample(String type, LocalDate collected, String topography) {}

  /** Identifying data, only in "with IDAT" mode. */
  record Idat(String family, String given, String street, String postalCode, String city) {}
}
