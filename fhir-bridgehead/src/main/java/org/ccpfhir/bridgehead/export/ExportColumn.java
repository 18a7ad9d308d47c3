package org.ccpfhir.bridgehead.export;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.ccpfhir.bridgehead.export.anonymity.Hierarchies;
import org.ccpfhir.bridgehead.export.anonymity.Hierarchy;
import org.ccpfhir.bridgehead.export.cohort.CohortPatient;

/**
 * The columns a study export can hold besides the study pseudonym. Quasi-identifiers (age, sex,
 * diagnosis date, postcode, ICD-10) are generalised until the export is k-anonymous; the other
 * columns are exported as stored, as the attributes the study is about.
 */
public enum ExportColumn {
  AGE(
      "age",
      Hierarchies::age,
      p -> p.ageAtDiagnosis() == null ? null : p.ageAtDiagnosis().toString()),
  SEX("sex", Hierarchies::keptOrSuppressed, CohortPatient::sex),
  DIAGNOSIS_DATE(
      "diagnosis-date",
      Hierarchies::month,
      p -> p.diagnosisMonth() == null ? null : p.diagnosisMonth().toString()),
  POSTCODE("postcode", Hierarchies::postcode, CohortPatient::postcode),
  ICD10("icd10", Hierarchies::icd10, CohortPatient::icd10),
  MORPHOLOGY("morphology", null, CohortPatient::morphology),
  GRADING("grading", null, CohortPatient::grading),
  VITAL_STATUS("vital-status", null, CohortPatient::vitalStatus);

  private final String code;
  private final Function<String, Hierarchy> hierarchy;
  private final Function<CohortPatient, String> value;

  ExportColumn(
      String code, Function<String, Hierarchy> hierarchy, Function<CohortPatient, String> value) {
    this.code = code;
    this.hierarchy = hierarchy;
    this.value = value;
  }

  public String code() {
    return code;
  }

  public boolean isQuasiIdentifier() {
    return hierarchy != null;
  }

  public Hierarchy hierarchy() {
    return hierarchy.apply(code);
  }

  public String valueOf(CohortPatient patient) {
    return value.apply(patient);
  }

  public static Optional<ExportColumn> ofCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
  }
}
