package org.ccpfhir.synthetic;

import org.ccpfhir.profiles.MdsProfiles;

/**
 * Code systems, LOINC codes, extension and profile URLs the generated resources use (DKTK onco-core
 * shapes; profile and extension URLs come from {@link MdsProfiles}).
 */
final class Shapes {

  static final String CCP = "https://ccp-fhir.org/fhir";
  static final String DKTK_CS = "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/";

  // --- identifier systems
  static String pseudonymSystem(String siteCode) {
    return CCP + "/sid/BK-" + siteCode + "-L";
  }

  static String resourceIdentifierSystem(String sitePrefix) {
    return CCP + "/sid/" + sitePrefix + "-resource";
  }

  // --- external code systems
  static final String LOINC = "http://loinc.org";
  static final String ICD10GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
  static final String ICDO3 = "urn:oid:2.16.840.1.113883.6.43.1";
  static final String ICDO3_VERSION = "33";
  static final String OPS = "http://fhir.de/CodeSystem/bfarm/ops";
  static final String ATC = "http://fhir.de/CodeSystem/bfarm/atc";
  static final String SAMPLE_MATERIAL_TYPE = "https://fhir.bbmri.de/CodeSystem/SampleMaterialType";

  // --- DKTK onco-core code systems
  static final String PSEUDONYM_ART = DKTK_CS + "PseudonymArtCS";
  static final String LATERALITY = DKTK_CS + "SeitenlokalisationCS";
  static final String GRADING = DKTK_CS + "GradingCS";
  static final String UICC = DKTK_CS + "UiccstadiumCS";
  static final String TNM_T = DKTK_CS + "TNMTCS";
  static final String TNM_N = DKTK_CS + "TNMNCS";
  static final String TNM_M = DKTK_CS + "TNMMCS";
  static final String TNM_CPU = DKTK_CS + "TNMcpuPraefixTCS";
  static final String TNM_Y = DKTK_CS + "TNMySymbolCS";
  static final String TNM_R = DKTK_CS + "TNMrSymbolCS";
  static final String TNM_M_SYMBOL = DKTK_CS + "TNMmSymbolCS";
  static final String JNU = DKTK_CS + "JNUCS";
  static final String FM_LOCATION = DKTK_CS + "FMLokalisationCS";
  static final String THERAPY_TYPE = DKTK_CS + "SYSTTherapieartCS";
  static final String OP_INTENTION = DKTK_CS + "OPIntentionCS";
  static final String SYST_INTENTION = DKTK_CS + "SYSTIntentionCS";
  static final String RELATION_TO_SURGERY = DKTK_CS + "SYSTStellungOPCS";
  static final String RESIDUAL_LOCAL = DKTK_CS + "LokaleBeurteilungResidualstatusCS";
  static final String RESIDUAL_TOTAL = DKTK_CS + "GesamtbeurteilungResidualstatusCS";
  static final String OVERALL_STATUS = DKTK_CS + "GesamtbeurteilungTumorstatusCS";
  static final String LOCAL_STATUS = DKTK_CS + "VerlaufLokalerTumorstatusCS";
  static final String LYMPH_NODE_STATUS = DKTK_CS + "VerlaufTumorstatusLymphknotenCS";
  static final String METASTASIS_STATUS = DKTK_CS + "VerlaufTumorstatusFernmetastasenCS";
  static final String VITAL_STATUS = DKTK_CS + "VitalstatusCS";

  // --- own code systems
  static final String TNM_VERSION = CCP + "/CodeSystem/TNMVersionCS";

  // --- LOINC codes
  static final String LOINC_HISTOLOGY = "59847-4";
  static final String LOINC_GRADING = "59542-1";
  static final String LOINC_TNM_C = "21908-9";
  static final String LOINC_TNM_P = "21902-2";
  static final String LOINC_T_C = "21905-5";
  static final String LOINC_N_C = "21906-3";
  static final String LOINC_M_C = "21907-1";
  static final String LOINC_T_P = "21899-0";
  static final String LOINC_N_P = "21900-6";
  static final String LOINC_M_P = "21901-4";
  static final String LOINC_Y_SYMBOL = "59479-6";
  static final String LOINC_R_SYMBOL = "21983-2";
  static final String LOINC_M_SYMBOL = "42030-7";
  static final String LOINC_DISTANT_METASTASIS = "21907-1";
  static final String LOINC_VITAL_STATUS = "75186-7";
  static final String LOINC_OVERALL_STATUS = "21976-6";
  static final String LOINC_LOCAL_STATUS = "LA4583-6";
  static final String LOINC_LYMPH_NODE_STATUS = "LA4370-8";
  static final String LOINC_METASTASIS_STATUS = "LA4226-2";

  // --- extensions and profiles: the profiles module is the source of truth
  static final String EXT_TNM_CPU = MdsProfiles.EXT_TNM_CPU_PREFIX;
  static final String EXT_OP_INTENTION = MdsProfiles.EXT_OP_INTENTION;
  static final String EXT_THERAPY_INTENTION = MdsProfiles.EXT_THERAPY_INTENTION;
  static final String EXT_RELATION_TO_SURGERY = MdsProfiles.EXT_RELATION_TO_SURGERY;

  static final String PROFILE_PATIENT = MdsProfiles.PATIENT;
  static final String PROFILE_PRIMARY_DIAGNOSIS = MdsProfiles.PRIMARY_DIAGNOSIS;
  static final String PROFILE_HISTOLOGY = MdsProfiles.HISTOLOGY;
  static final String PROFILE_GRADING = MdsProfiles.GRADING;
  static final String PROFILE_TNM_C = MdsProfiles.TNM_CLINICAL;
  static final String PROFILE_TNM_P = MdsProfiles.TNM_PATHOLOGICAL;
  static final String PROFILE_DISTANT_METASTASIS = MdsProfiles.DISTANT_METASTASIS;
  static final String PROFILE_VITAL_STATUS = MdsProfiles.VITAL_STATUS;
  static final String PROFILE_SURGERY = MdsProfiles.SURGERY;
  static final String PROFILE_RADIOTHERAPY = MdsProfiles.RADIOTHERAPY;
  static final String PROFILE_SYSTEMIC_THERAPY = MdsProfiles.SYSTEMIC_THERAPY;
  static final String PROFILE_FOLLOW_UP = MdsProfiles.FOLLOW_UP;
  static final String PROFILE_OVERALL_STATUS = MdsProfiles.OVERALL_TUMOR_STATUS;
  static final String PROFILE_LOCAL_STATUS = MdsProfiles.LOCAL_TUMOR_STATUS;
  static final String PROFILE_LYMPH_NODE_STATUS = MdsProfiles.LYMPH_NODE_STATUS;
  static final String PROFILE_METASTASIS_STATUS = MdsProfiles.METASTASIS_STATUS;
  static final String PROFILE_SPECIMEN = MdsProfiles.SPECIMEN;

  private Shapes() {}
}
