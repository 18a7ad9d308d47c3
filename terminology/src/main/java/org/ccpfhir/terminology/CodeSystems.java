package org.ccpfhir.terminology;

import java.util.List;

/** Canonical URLs of every code system the MDS-K / MDS-B data sets use (see the README table). */
public final class CodeSystems {

  /** DKTK onco-core code systems are reused by URL so that obds2fhir output validates here. */
  public static final String DKTK_BASE = "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/";

  public static final String CCP_BASE = "https://ccp-fhir.org/fhir/CodeSystem/";

  public static final String LATERALITY = DKTK_BASE + "SeitenlokalisationCS";
  public static final String GRADING = DKTK_BASE + "GradingCS";
  public static final String UICC_STAGE = DKTK_BASE + "UiccstadiumCS";
  public static final String TNM_T = DKTK_BASE + "TNMTCS";
  public static final String TNM_N = DKTK_BASE + "TNMNCS";
  public static final String TNM_M = DKTK_BASE + "TNMMCS";
  public static final String TNM_CPU_PREFIX = DKTK_BASE + "TNMcpuPraefixTCS";
  public static final String TNM_Y_SYMBOL = DKTK_BASE + "TNMySymbolCS";
  public static final String TNM_R_SYMBOL = DKTK_BASE + "TNMrSymbolCS";
  public static final String TNM_M_SYMBOL = DKTK_BASE + "TNMmSymbolCS";
  public static final String RESIDUAL_LOCAL = DKTK_BASE + "LokaleBeurteilungResidualstatusCS";
  public static final String RESIDUAL_OVERALL = DKTK_BASE + "GesamtbeurteilungResidualstatusCS";
  public static final String YES_NO_UNKNOWN = DKTK_BASE + "JNUCS";
  public static final String METASTASIS_SITE = DKTK_BASE + "FMLokalisationCS";
  public static final String SURGERY_INTENTION = DKTK_BASE + "OPIntentionCS";
  public static final String THERAPY_INTENTION = DKTK_BASE + "SYSTIntentionCS";
  public static final String RELATION_TO_SURGERY = DKTK_BASE + "SYSTStellungOPCS";
  public static final String THERAPY_TYPE = DKTK_BASE + "SYSTTherapieartCS";
  public static final String OVERALL_TUMOUR_STATUS = DKTK_BASE + "GesamtbeurteilungTumorstatusCS";
  public static final String LOCAL_TUMOUR_STATUS = DKTK_BASE + "VerlaufLokalerTumorstatusCS";
  public static final String LYMPH_NODE_STATUS = DKTK_BASE + "VerlaufTumorstatusLymphknotenCS";
  public static final String METASTASIS_STATUS = DKTK_BASE + "VerlaufTumorstatusFernmetastasenCS";
  public static final String VITAL_STATUS = DKTK_BASE + "VitalstatusCS";
  public static final String PSEUDONYM_KIND = DKTK_BASE + "PseudonymArtCS";

  public static final String TNM_VERSION = CCP_BASE + "TNMVersionCS";
  public static final String ICD10_VERSION = CCP_BASE + "ICD10VersionCS";
  public static final String ICDO3_VERSION = CCP_BASE + "ICDO3VersionCS";
  public static final String TUMOR_ENTITY = CCP_BASE + "TumorEntityCS";

  /** Consent.policyRule at the bridgehead: network, local-upload, objection. */
  public static final String CONSENT_POLICY = CCP_BASE + "consent-policy";

  /** A biobank sample's status at the bridgehead: available, reserved, used-up, destroyed. */
  public static final String SAMPLE_STATUS = CCP_BASE + "sample-status";

  public static final String SAMPLE_MATERIAL_TYPE =
      "https://fhir.bbmri.de/CodeSystem/SampleMaterialType";

  /** External systems: not shipped, codes are format-checked only. */
  public static final String ICD10_GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";

  public static final String ICDO3 = "urn:oid:2.16.840.1.113883.6.43.1";
  public static final String LOINC = "http://loinc.org";

  /** Every code system shipped as a CodeSystem resource by this module. */
  public static final List<String> SHIPPED =
      List.of(
          LATERALITY,
          GRADING,
          UICC_STAGE,
          TNM_T,
          TNM_N,
          TNM_M,
          TNM_CPU_PREFIX,
          TNM_Y_SYMBOL,
          TNM_R_SYMBOL,
          TNM_M_SYMBOL,
          RESIDUAL_LOCAL,
          RESIDUAL_OVERALL,
          YES_NO_UNKNOWN,
          METASTASIS_SITE,
          SURGERY_INTENTION,
          THERAPY_INTENTION,
          RELATION_TO_SURGERY,
          THERAPY_TYPE,
          OVERALL_TUMOUR_STATUS,
          LOCAL_TUMOUR_STATUS,
          LYMPH_NODE_STATUS,
          METASTASIS_STATUS,
          VITAL_STATUS,
          PSEUDONYM_KIND,
          TNM_VERSION,
          ICD10_VERSION,
          ICDO3_VERSION,
          TUMOR_ENTITY,
          CONSENT_POLICY,
          SAMPLE_STATUS,
          SAMPLE_MATERIAL_TYPE);

  private CodeSystems() {}

  /** Strips a {@code |version} suffix that some callers append to canonical URLs. */
  static String stripVersion(String url) {
    if (url == null) {
      return null;
    }
    int bar = url.indexOf('|');
    return bar < 0 ? url : url.substring(0, bar);
  }
}
