package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** Typed access to one patient's bundle, for assertions. */
record BundleView(Bundle bundle) {

  Patient patient() {
    return of(Patient.class).get(0);
  }

  List<Condition> conditions() {
    return of(Condition.class);
  }

  Condition condition() {
    return conditions().get(0);
  }

  String icd10() {
    return condition().getCode().getCodingFirstRep().getCode();
  }

  <T extends Resource> List<T> of(Class<T> type) {
    return bundle.getEntry().stream()
        .map(BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  List<Observation> observations(String loinc) {
    return of(Observation.class).stream()
        .filter(o -> o.getCode().getCodingFirstRep().getCode().equals(loinc))
        .toList();
  }

  boolean deceased() {
    return patient().hasDeceasedDateTimeType();
  }

  LocalDate diagnosisDate() {
    return LocalDate.parse(condition().getOnsetDateTimeType().getValueAsString());
  }

  /** Age at diagnosis from birth month, as K-3 would be derived. */
  int ageAtDiagnosis() {
    String birth = patient().getBirthDateElement().getValueAsString().substring(0, 7);
    LocalDate born = LocalDate.parse(birth + "-15");
    return java.time.Period.between(born, diagnosisDate()).getYears();
  }

  static String code(CodeableConcept concept) {
    return concept.getCodingFirstRep().getCode();
  }
}
