package org.ccpfhir.bridgehead.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which resource types the unit filter leaves alone (HAPI's Patient compartment definition). */
class VisibilityInterceptorTest {

  private final Set<String> unfiltered =
      VisibilityInterceptor.withoutPatientData(FhirContext.forR4Cached());

  @Test
  void definitionsAndTerminologyHoldNobodysData() {
    assertThat(unfiltered)
        .contains(
            "StructureDefinition",
            "OperationDefinition",
            "CapabilityStatement",
            "SearchParameter",
            "CodeSystem",
            "ValueSet",
            "ConceptMap",
            "NamingSystem",
            "Organization",
            "Practitioner");
  }

  @Test
  void thePatientCompartmentAndWhatNamesAPatientAreFiltered() {
    // members of the Patient compartment, the MDS types among them
    assertThat(unfiltered)
        .doesNotContain(
            "Patient",
            "Condition",
            "Observation",
            "Procedure",
            "MedicationStatement",
            "Specimen",
            "Consent",
            "Group",
            "AuditEvent",
            "Provenance",
            "DocumentReference");
    // outside the compartment, but with a subject that may be a Patient (UnitVisibility follows it)
    assertThat(unfiltered).doesNotContain("Contract", "GuidanceResponse");
    // outside the compartment, but they carry whole resources (a stored document, an answer)
    assertThat(unfiltered).doesNotContain("Bundle", "Parameters");
  }
}
