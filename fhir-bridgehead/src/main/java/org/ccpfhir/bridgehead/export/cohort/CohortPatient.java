package org.ccpfhir.bridgehead.export.cohort;

import java.time.YearMonth;

/**
 * What the export reads of one patient of the cohort: MDAT only (the store holds no IDAT).
 *
 * @param localPseudonym the BK-L value (or the resource id when the Patient has none): input of the
 *     study pseudonym, never exported
 * @param birthMonth A-1, may be null
 * @param sex A-2 (FHIR gender code), may be null
 * @param postcode postal code if the store holds one (the ingest refuses addresses, so usually
 *     null)
 * @param diagnosisMonth K-2 of the first primary diagnosis, may be null
 * @param icd10 K-4 of that diagnosis, may be null
 * @param morphology K-9 ICD-O-3 morphology of the latest histology, may be null
 * @param grading K-11 of the latest grading, may be null
 * @param vitalStatus K-56 of the latest vital status, may be null
 */
public record CohortPatient(
    String localPseudonym,
    YearMonth birthMonth,
    String sex,
    String postcode,
    YearMonth diagnosisMonth,
    String icd10,
    String morphology,
    String grading,
    String vitalStatus) {

  /** K-3: whole years between birth month and diagnosis month; null when either is unknown. */
  public Integer ageAtDiagnosis() {
    if (birthMonth == null || diagnosisMonth == null || diagnosisMonth.isBefore(birthMonth)) {
      return null;
    }
    return (int) (birthMonth.until(diagnosisMonth, java.time.temporal.ChronoUnit.MONTHS) / 12);
  }
}
