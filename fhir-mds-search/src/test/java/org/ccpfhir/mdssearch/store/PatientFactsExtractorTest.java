package org.ccpfhir.mdssearch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

class PatientFactsExtractorTest {

  private final PatientFactsExtractor extractor = new PatientFactsExtractor();

  @Test
  void readsTheIndexedAttributes() {
    Bundle bundle = new Bundle();
    Patient patient = new Patient().setGender(AdministrativeGender.FEMALE);
    patient.getBirthDateElement().setValueAsString("1960-03");
    bundle.addEntry().setResource(patient);
    Condition condition = new Condition();
    condition.getCode().addCoding().setSystem(MdsAttributes.ICD10GM).setCode("C50.4");
    condition.setOnset(new DateTimeType("2015-02-10"));
    bundle.addEntry().setResource(condition);
    Observation vital = new Observation();
    vital.getCode().addCoding().setSystem(MdsAttributes.LOINC).setCode("75186-7");
    vital.getValueCodeableConcept().addCoding().setCode("lebend");
    bundle.addEntry().setResource(vital);
    for (int i = 0; i < 2; i++) {
      Specimen specimen = new Specimen();
      specimen.getType().addCoding().setCode("whole-blood");
      specimen.getCollection().setCollected(new DateTimeType("2015-03-01"));
      bundle.addEntry().setResource(specimen);
    }

    PatientFacts facts = extractor.extract(bundle);

    assertThat(facts.tokens())
        .contains(
            "sex=female",
            "vital=alive",
            "age=50",
            "@Patient.birthdate=1960-03-01",
            "Condition.code=C50.4",
            "@Condition.onset-date=2015-02-10",
            "Observation.code-value=75186-7|lebend",
            "@Specimen.collected=2015-03-01");
    assertThat(facts.tokens()).filteredOn("Specimen.type=whole-blood"::equals).hasSize(2);
    assertThat(PatientFacts.decode(facts.encode())).isEqualTo(facts);
  }

  @Test
  void ageDecadeCountsCompletedYearsAndIsUnknownWithoutDates() {
    assertThat(PatientFactsExtractor.ageDecade(YearMonth.of(1960, 3), LocalDate.of(2020, 2, 28)))
        .isEqualTo("50");
    assertThat(PatientFactsExtractor.ageDecade(YearMonth.of(1960, 3), LocalDate.of(2020, 3, 1)))
        .isEqualTo("60");
    assertThat(PatientFactsExtractor.ageDecade(null, LocalDate.of(2020, 3, 1)))
        .isEqualTo("unknown");
  }

  @Test
  void deceasedPatientIsDeceasedAndMissingPatientIsUnknown() {
    Bundle bundle = new Bundle();
    bundle.addEntry().setResource(new Patient().setDeceased(new DateTimeType("2020-01-01")));
    assertThat(extractor.extract(bundle).tokens()).contains("vital=deceased", "sex=unknown");
    assertThat(extractor.extract(new Bundle()).tokens()).contains("vital=unknown", "age=unknown");
  }
}
