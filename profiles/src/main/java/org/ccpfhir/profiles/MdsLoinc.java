package org.ccpfhir.profiles;

/**
 * LOINC codes that identify the MDS Observations and the TNM components (as used by DKTK
 * onco-core). The follow-up status codes are LOINC answer codes, used as Observation codes the way
 * onco-core does.
 */
public final class MdsLoinc {

  public static final String SYSTEM = "http://loinc.org";

  public static final String HISTOLOGY = "59847-4";
  public static final String GRADING = "59542-1";
  public static final String TNM_CLINICAL = "21908-9";
  public static final String TNM_PATHOLOGICAL = "21902-2";
  public static final String TNM_T_CLINICAL = "21905-5";
  public static final String TNM_N_CLINICAL = "21906-3";
  public static final String TNM_M_CLINICAL = "21907-1";
  public static final String TNM_T_PATHOLOGICAL = "21899-0";
  public static final String TNM_N_PATHOLOGICAL = "21900-6";
  public static final String TNM_M_PATHOLOGICAL = "21901-4";
  public static final String TNM_M_SYMBOL = "42030-7";
  public static final String TNM_Y_SYMBOL = "59479-6";
  public static final String TNM_R_SYMBOL = "21983-2";
  public static final String RESIDUAL_LOCAL = "84892-9";
  public static final String RESIDUAL_OVERALL = "81169-5";

  /** Distant metastases yes/no (the same code as the clinical M component). */
  public static final String DISTANT_METASTASIS = "21907-1";

  public static final String VITAL_STATUS = "75186-7";
  public static final String OVERALL_TUMOR_STATUS = "21976-6";
  public static final String LOCAL_TUMOR_STATUS = "LA4583-6";
  public static final String LYMPH_NODE_STATUS = "LA4370-8";
  public static final String METASTASIS_STATUS = "LA4226-2";

  private MdsLoinc() {}
}
