package org.ccpfhir.terminology;

/** Canonical URLs of the shipped ConceptMaps. */
public final class ConceptMaps {

  /** K-31: ICD-10-GM chapter II three-character categories to tumour entity groups. */
  public static final String ICD10_TO_TUMOR_ENTITY =
      "https://ccp-fhir.org/fhir/ConceptMap/icd10-to-tumor-entity";

  private ConceptMaps() {}
}
