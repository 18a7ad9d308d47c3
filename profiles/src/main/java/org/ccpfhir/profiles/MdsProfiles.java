package org.ccpfhir.profiles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canonical URLs of the MDS-K / MDS-B profiles and extensions, and the mapping from the DKTK
 * onco-core (and BBMRI) profile URLs that obds2fhir-style data declares to the profiles here.
 */
public final class MdsProfiles {

  public static final String BASE = "https://ccp-fhir.org/fhir/StructureDefinition/";

  public static final String PATIENT = BASE + "mds-patient";
  public static final String PRIMARY_DIAGNOSIS = BASE + "mds-condition-primary-diagnosis";
  public static final String HISTOLOGY = BASE + "mds-observation-histology";
  public static final String GRADING = BASE + "mds-observation-grading";
  public static final String TNM_CLINICAL = BASE + "mds-observation-tnmc";
  public static final String TNM_PATHOLOGICAL = BASE + "mds-observation-tnmp";
  public static final String RESIDUAL_STATUS = BASE + "mds-observation-residual-status";
  public static final String DISTANT_METASTASIS = BASE + "mds-observation-distant-metastasis";
  public static final String VITAL_STATUS = BASE + "mds-observation-vital-status";
  public static final String OVERALL_TUMOR_STATUS = BASE + "mds-observation-overall-tumor-status";
  public static final String LOCAL_TUMOR_STATUS = BASE + "mds-observation-local-tumor-status";
  public static final String LYMPH_NODE_STATUS = BASE + "mds-observation-lymph-node-status";
  public static final String METASTASIS_STATUS = BASE + "mds-observation-metastasis-status";
  public static final String SURGERY = BASE + "mds-procedure-surgery";
  public static final String RADIOTHERAPY = BASE + "mds-procedure-radiotherapy";
  public static final String SYSTEMIC_THERAPY = BASE + "mds-medicationstatement-systemic-therapy";
  public static final String FOLLOW_UP = BASE + "mds-clinicalimpression-follow-up";
  public static final String SPECIMEN = BASE + "mds-specimen";

  /** c/p/u prefix of a TNM category, on the T/N/M component. */
  public static final String EXT_TNM_CPU_PREFIX = BASE + "ext-tnm-cpu-prefix";

  /** Intention of a surgery (OPIntentionCS). */
  public static final String EXT_OP_INTENTION = BASE + "ext-op-intention";

  /** Intention of a radiotherapy or systemic therapy (SYSTIntentionCS). */
  public static final String EXT_THERAPY_INTENTION = BASE + "ext-therapy-intention";

  /** Relation of a radiotherapy or systemic therapy to the surgery (SYSTStellungOPCS). */
  public static final String EXT_RELATION_TO_SURGERY = BASE + "ext-relation-to-surgery";

  /** Biobank status of a sample (CodeSystem sample-status), on the Specimen. */
  public static final String EXT_SAMPLE_STATUS = BASE + "ext-sample-status";

  /**
   * Storage location (freezer, rack, box, position) of a sample container, on Specimen.container.
   */
  public static final String EXT_STORAGE_LOCATION = BASE + "ext-storage-location";

  /** Canonical base of the SearchParameters shipped by this module. */
  public static final String SEARCH_PARAMETER_BASE = "https://ccp-fhir.org/fhir/SearchParameter/";

  public static final String DKTK_BASE = "http://dktk.dkfz.de/fhir/StructureDefinition/";

  /** DKTK onco-core extension URLs for which this module ships definitions. */
  public static final String DKTK_EXT_TNM_CPU_PREFIX =
      DKTK_BASE + "onco-core-Extension-TNMcpuPraefix";

  public static final String DKTK_EXT_OP_INTENTION = DKTK_BASE + "onco-core-Extension-OPIntention";
  public static final String DKTK_EXT_SYST_INTENTION =
      DKTK_BASE + "onco-core-Extension-SYSTIntention";
  public static final String DKTK_EXT_RELATION_TO_SURGERY =
      DKTK_BASE + "onco-core-Extension-StellungZurOp";
  public static final String DKTK_EXT_DISTANT_METASTASIS =
      DKTK_BASE + "onco-core-Extension-Fernmetastasen";
  public static final String DKTK_EXT_RESIDUAL_LOCAL =
      DKTK_BASE + "onco-core-Extension-LokaleResidualstatus";
  public static final String DKTK_EXT_RESIDUAL_OVERALL =
      DKTK_BASE + "onco-core-Extension-GesamtbeurteilungResidualstatus";

  public static final String BBMRI_SPECIMEN = "https://fhir.bbmri.de/StructureDefinition/Specimen";
  public static final String BBMRI_PATIENT = "https://fhir.bbmri.de/StructureDefinition/Patient";

  /** Profiles of the MII KDS module Onkologie (oBDS-based). */
  public static final String MII_ONKO_BASE =
      "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/StructureDefinition/";

  /** Profiles of the MII KDS module Person. */
  public static final String MII_PERSON_BASE =
      "https://www.medizininformatik-initiative.de/fhir/core/modul-person/StructureDefinition/";

  /**
   * MII's one TNM classification profile; clinical or pathological is told by its code, so it is
   * mapped to {@link #TNM_CLINICAL} here and {@link ProfileSelector} takes the one the code calls
   * for.
   */
  public static final String MII_TNM = MII_ONKO_BASE + "mii-pr-onko-tnm-klassifikation";

  /** All resource profiles of this module. */
  public static final List<String> ALL_PROFILES =
      List.of(
          PATIENT,
          PRIMARY_DIAGNOSIS,
          HISTOLOGY,
          GRADING,
          TNM_CLINICAL,
          TNM_PATHOLOGICAL,
          RESIDUAL_STATUS,
          DISTANT_METASTASIS,
          VITAL_STATUS,
          OVERALL_TUMOR_STATUS,
          LOCAL_TUMOR_STATUS,
          LYMPH_NODE_STATUS,
          METASTASIS_STATUS,
          SURGERY,
          RADIOTHERAPY,
          SYSTEMIC_THERAPY,
          FOLLOW_UP,
          SPECIMEN);

  /** All extension definitions shipped by this module, ours and those at DKTK URLs. */
  public static final List<String> ALL_EXTENSIONS =
      List.of(
          EXT_TNM_CPU_PREFIX,
          EXT_OP_INTENTION,
          EXT_THERAPY_INTENTION,
          EXT_RELATION_TO_SURGERY,
          EXT_SAMPLE_STATUS,
          EXT_STORAGE_LOCATION,
          DKTK_EXT_TNM_CPU_PREFIX,
          DKTK_EXT_OP_INTENTION,
          DKTK_EXT_SYST_INTENTION,
          DKTK_EXT_RELATION_TO_SURGERY,
          DKTK_EXT_DISTANT_METASTASIS,
          DKTK_EXT_RESIDUAL_LOCAL,
          DKTK_EXT_RESIDUAL_OVERALL);

  /** DKTK onco-core / BBMRI / MII KDS profile URL to the profile here that covers the same data. */
  public static final Map<String, String> FOREIGN_TO_MDS = foreignMapping();

  private MdsProfiles() {}

  /** The profile here for a DKTK onco-core or BBMRI profile URL (a {@code |version} is ignored). */
  public static Optional<String> mdsProfileFor(String foreignProfileUrl) {
    return Optional.ofNullable(FOREIGN_TO_MDS.get(stripVersion(foreignProfileUrl)));
  }

  /** True for a profile URL of this module (a {@code |version} is ignored). */
  public static boolean isMdsProfile(String url) {
    return ALL_PROFILES.contains(stripVersion(url));
  }

  static String stripVersion(String url) {
    if (url == null) {
      return null;
    }
    int bar = url.indexOf('|');
    return bar < 0 ? url : url.substring(0, bar);
  }

  private static Map<String, String> foreignMapping() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(DKTK_BASE + "onco-core-Patient-Patient", PATIENT);
    map.put(DKTK_BASE + "onco-core-Condition-Primaerdiagnose", PRIMARY_DIAGNOSIS);
    map.put(DKTK_BASE + "onco-core-Observation-Histologie", HISTOLOGY);
    map.put(DKTK_BASE + "onco-core-Observation-Grading", GRADING);
    map.put(DKTK_BASE + "onco-core-Observation-TNMc", TNM_CLINICAL);
    map.put(DKTK_BASE + "onco-core-Observation-TNMp", TNM_PATHOLOGICAL);
    map.put(DKTK_BASE + "onco-core-Observation-LokaleBeurteilungResidualstatus", RESIDUAL_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-GesamtbeurteilungResidualstatus", RESIDUAL_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-Fernmetastasen", DISTANT_METASTASIS);
    map.put(DKTK_BASE + "onco-core-Observation-Vitalstatus", VITAL_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-GesamtbeurteilungTumorstatus", OVERALL_TUMOR_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-LokalerTumorstatus", LOCAL_TUMOR_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-TumorstatusLymphknoten", LYMPH_NODE_STATUS);
    map.put(DKTK_BASE + "onco-core-Observation-TumorstatusFernmetastasen", METASTASIS_STATUS);
    map.put(DKTK_BASE + "onco-core-Procedure-Operation", SURGERY);
    map.put(DKTK_BASE + "onco-core-Procedure-Strahlentherapie", RADIOTHERAPY);
    map.put(DKTK_BASE + "onco-core-MedicationStatement-Systemtherapie", SYSTEMIC_THERAPY);
    map.put(DKTK_BASE + "onco-core-ClinicalImpression-Verlauf", FOLLOW_UP);
    map.put(DKTK_BASE + "onco-core-Patient-Pseudonym", PATIENT);
    map.put(BBMRI_SPECIMEN, SPECIMEN);
    map.put(BBMRI_PATIENT, PATIENT);
    // MII KDS: only the profiles whose facts an MDS profile holds; the others (therapies as
    // Procedure, cause of death, TNM categories as separate Observations, ...) are base R4, and
    // InputShapes says so in a warning
    map.put(MII_PERSON_BASE + "Patient", PATIENT);
    map.put(MII_PERSON_BASE + "PatientPseudonymisiert", PATIENT);
    map.put(MII_ONKO_BASE + "mii-pr-onko-diagnose-primaertumor", PRIMARY_DIAGNOSIS);
    map.put(MII_ONKO_BASE + "mii-pr-onko-histologie-icdo3", HISTOLOGY);
    map.put(MII_ONKO_BASE + "mii-pr-onko-grading", GRADING);
    map.put(MII_TNM, TNM_CLINICAL);
    return Collections.unmodifiableMap(map);
  }
}
