package org.ccpfhir.terminology;

/**
 * Canonical URLs of the shipped ValueSets. Every shipped code system has a ValueSet of all its
 * codes at {@code https://ccp-fhir.org/fhir/ValueSet/<name without trailing CS>VS}; the project's
 * own lower-case names ({@code consent-policy}) name their ValueSet alike.
 */
public final class ValueSets {

  public static final String BASE = "https://ccp-fhir.org/fhir/ValueSet/";

  public static final String LATERALITY = BASE + "SeitenlokalisationVS";
  public static final String GRADING = BASE + "GradingVS";
  public static final String UICC_STAGE = BASE + "UiccstadiumVS";
  public static final String TNM_T = BASE + "TNMTVS";
  public static final String TNM_N = BASE + "TNMNVS";
  public static final String TNM_M = BASE + "TNMMVS";
  public static final String TNM_CPU_PREFIX = BASE + "TNMcpuPraefixTVS";
  public static final String TNM_Y_SYMBOL = BASE + "TNMySymbolVS";
  public static final String TNM_R_SYMBOL = BASE + "TNMrSymbolVS";
  public static final String TNM_M_SYMBOL = BASE + "TNMmSymbolVS";
  public static final String RESIDUAL_LOCAL = BASE + "LokaleBeurteilungResidualstatusVS";
  public static final String RESIDUAL_OVERALL = BASE + "GesamtbeurteilungResidualstatusVS";
  public static final String YES_NO_UNKNOWN = BASE + "JNUVS";
  public static final String METASTASIS_SITE = BASE + "FMLokalisationVS";
  public static final String SURGERY_INTENTION = BASE + "OPIntentionVS";
  public static final String THERAPY_INTENTION = BASE + "SYSTIntentionVS";
  public static final String RELATION_TO_SURGERY = BASE + "SYSTStellungOPVS";
  public static final String THERAPY_TYPE = BASE + "SYSTTherapieartVS";
  public static final String OVERALL_TUMOUR_STATUS = BASE + "GesamtbeurteilungTumorstatusVS";
  public static final String LOCAL_TUMOUR_STATUS = BASE + "VerlaufLokalerTumorstatusVS";
  public static final String LYMPH_NODE_STATUS = BASE + "VerlaufTumorstatusLymphknotenVS";
  public static final String METASTASIS_STATUS = BASE + "VerlaufTumorstatusFernmetastasenVS";
  public static final String VITAL_STATUS = BASE + "VitalstatusVS";
  public static final String PSEUDONYM_KIND = BASE + "PseudonymArtVS";
  public static final String TNM_VERSION = BASE + "TNMVersionVS";
  public static final String ICD10_VERSION = BASE + "ICD10VersionVS";
  public static final String ICDO3_VERSION = BASE + "ICDO3VersionVS";
  public static final String TUMOR_ENTITY = BASE + "TumorEntityVS";
  public static final String SAMPLE_MATERIAL_TYPE = BASE + "SampleMaterialTypeVS";
  public static final String CONSENT_POLICY = BASE + "consent-policy";
  public static final String SAMPLE_STATUS = BASE + "sample-status";

  /** Format-defined ValueSets over external systems whose content is not shipped. */
  public static final String ICD10GM_CHAPTER2 = BASE + "icd10gm-chapter2";

  public static final String ICDO3_TOPOGRAPHY = BASE + "icdo3-topography";
  public static final String ICDO3_MORPHOLOGY = BASE + "icdo3-morphology";

  private ValueSets() {}

  /** The all-codes ValueSet URL of a shipped code system, following the naming rule above. */
  public static String allCodesOf(String codeSystemUrl) {
    String name = codeSystemUrl.substring(codeSystemUrl.lastIndexOf('/') + 1);
    if (name.contains("-")) {
      // the project's own lower-case names (consent-policy): the ValueSet is named alike
      return BASE + name;
    }
    if (name.endsWith("CS")) {
      name = name.substring(0, name.length() - 2);
    }
    return BASE + name + "VS";
  }
}
