package org.ccpfhir.bridgehead.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class Icd10FilterTest {

  static Condition diagnosis(String code) {
    Condition condition = new Condition();
    condition.getCode().addCoding().setSystem(Icd10Filter.ICD10GM).setCode(code);
    return condition;
  }

  @Test
  void theDefaultRangeCoversNeoplasmsOnly() {
    Icd10Filter filter = new Icd10Filter(List.of("C00-D48"));
    assertThat(filter.inRange("C00.0")).isTrue();
    assertThat(filter.inRange("C50.4")).isTrue();
    assertThat(filter.inRange("D48.9")).isTrue();
    assertThat(filter.inRange("D49")).isFalse();
    assertThat(filter.inRange("B99")).isFalse();
    assertThat(filter.inRange("J45.9")).isFalse();
    assertThat(filter.inRange("c61")).isTrue();
    assertThat(filter.inRange("C")).isFalse();
    assertThat(filter.inRange(null)).isFalse();
  }

  @Test
  void aPatientIsRelevantWhenOneDiagnosisIsInRange() {
    Icd10Filter filter = new Icd10Filter(List.of("C50", "C61-C62"));
    assertThat(filter.relevant(List.of(diagnosis("J45.9"), diagnosis("C61")))).isTrue();
    assertThat(filter.relevant(List.of(diagnosis("C34.1")))).isFalse();
    assertThat(filter.relevant(List.of(new Observation()))).isFalse();
    Condition otherSystem = new Condition();
    otherSystem.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("C50");
    assertThat(filter.relevant(List.of(otherSystem))).isFalse();
  }

  @Test
  void malformedRangesAreRefusedAtStart() {
    assertThatThrownBy(() -> new Icd10Filter(List.of("C00-"))).hasMessageContaining("icd10-ranges");
    assertThatThrownBy(() -> new Icd10Filter(List.of("cancer")))
        .hasMessageContaining("icd10-ranges");
  }
}
