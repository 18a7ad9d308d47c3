package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MdsEntryValidatorTest {

  @Test
  void locatesValidatorMessagesInsideTheBundle() {
    assertThat(
            MdsEntryValidator.locate(
                "Bundle.entry[3].resource",
                "Observation",
                "Observation.value.ofType(CodeableConcept)"))
        .isEqualTo("Bundle.entry[3].resource.ofType(Observation).value.ofType(CodeableConcept)");
    assertThat(MdsEntryValidator.locate("Bundle.entry[0].resource", "Patient", "Patient"))
        .isEqualTo("Bundle.entry[0].resource.ofType(Patient)");
  }

  @Test
  void keepsResourceRelativeLocationsForSingleResources() {
    assertThat(MdsEntryValidator.locate("Patient", "Patient", "Patient.gender"))
        .isEqualTo("Patient.gender");
  }
}
