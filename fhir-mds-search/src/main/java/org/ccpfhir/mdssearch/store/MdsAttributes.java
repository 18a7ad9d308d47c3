package org.ccpfhir.mdssearch.store;

/** Keys of the facts tokens and the codes they are read from (DESIGN "Data model"). */
public final class MdsAttributes {

  public static final String SEX = "sex";
  public static final String AGE_DECADE = "age";

  /**
   * Completed years at the first diagnosis, derived by the count index from the birth and onset
   * dates of the facts (so records stored before it existed answer age ranges too).
   */
  public static final String AGE_YEARS = "age-years";

  public static final String VITAL_STATUS = "vital";
  public static final String SITE = "site";
  public static final String BIRTH_DATE = "Patient.birthdate";
  public static final String CONDITION_CODE = "Condition.code";
  public static final String CONDITION_BODY_SITE = "Condition.body-site";
  public static final String CONDITION_ONSET = "Condition.onset-date";
  public static final String OBSERVATION_CODE = "Observation.code";
  public static final String OBSERVATION_CODE_VALUE = "Observation.code-value";
  public static final String OBSERVATION_COMPONENT = "Observation.component-code-value";
  public static final String SPECIMEN_TYPE = "Specimen.type";
  public static final String SPECIMEN_COLLECTED = "Specimen.collected";
  public static final String PROCEDURE_CATEGORY = "Procedure.category";
  public static final String PROCEDURE_CODE = "Procedure.code";
  public static final String MEDICATION_CATEGORY = "MedicationStatement.category";

  /** Marks that a patient has at least one resource of a type: {@code has=Specimen}. */
  public static final String HAS = "has";

  public static final String ALIVE = "alive";
  public static final String DECEASED = "deceased";
  public static final String UNKNOWN = "unknown";

  public static final String ICD10GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
  public static final String LOINC = "http://loinc.org";
  public static final String LOINC_VITAL_STATUS = "75186-7";

  private MdsAttributes() {}

  /** A date key restricted to the resources with one code ({@code Condition.onset-date|C50.4}). */
  public static String qualified(String dateKey, String code) {
    return dateKey + "|" + code;
  }

  /** Separates code and value in pair tokens ({@code 21908-9|IV}). */
  public static String pair(String code, String value) {
    return code + "|" + value;
  }
}
