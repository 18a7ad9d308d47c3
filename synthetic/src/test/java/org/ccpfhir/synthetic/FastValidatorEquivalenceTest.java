package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.fast.FastMdsValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled fast validator (profiles module) agrees with the HL7 validator on generated data:
 * 300 synthetic patients validate without errors in both, and IDAT patients fail in both.
 */
class FastValidatorEquivalenceTest {

  private static FastMdsValidator fast;
  private static MdsValidator hl7;

  @BeforeAll
  static void createValidators() {
    fast = FastMdsValidator.create(FhirContext.forR4Cached());
    hl7 = fast.fallback();
  }

  @Test
  void threeHundredPatientsAreValidForBothValidators() {
    List<Resource> resources = new ArrayList<>();
    for (String site : List.of("HD", "TUE", "DD")) {
      EntryMode mode = site.equals("DD") ? EntryMode.POST : EntryMode.PUT;
      new SyntheticPatientGenerator(7, site, mode, false)
          .patients(0, 100)
          .flatMap(bundle -> bundle.getEntry().stream())
          .forEach(entry -> resources.add(entry.getResource()));
    }
    List<String> fastErrors = new ArrayList<>();
    List<String> hl7Errors = new ArrayList<>();
    long delegatedBefore = fast.delegatedCount();
    long fastNanos = 0;
    long hl7Nanos = 0;
    for (Resource resource : resources) {
      long t0 = System.nanoTime();
      ValidationResult mine = fast.validate(resource);
      long t1 = System.nanoTime();
      ValidationResult reference = hl7.validate(resource);
      long t2 = System.nanoTime();
      fastNanos += t1 - t0;
      hl7Nanos += t2 - t1;
      fastErrors.addAll(errors(resource, mine));
      hl7Errors.addAll(errors(resource, reference));
    }
    // this module has no logging backend in tests: print the measurement
    System.out.printf(
        "FastValidatorEquivalenceTest: %d resources of 300 patients: fast %.4f ms/resource"
            + " (%d delegated to HL7), HL7 %.3f ms/resource (single pass)%n",
        resources.size(),
        fastNanos / 1e6 / resources.size(),
        fast.delegatedCount() - delegatedBefore,
        hl7Nanos / 1e6 / resources.size());
    assertThat(resources.size()).isGreaterThan(3000);
    assertThat(hl7Errors).as("HL7 validator").isEmpty();
    assertThat(fastErrors).as("fast validator").isEmpty();
  }

  @Test
  void idatPatientsAreRejectedByBoth() {
    var generator = new SyntheticPatientGenerator(42, "HD", EntryMode.PUT, true);
    for (int i = 0; i < 10; i++) {
      Patient patient = (Patient) generator.patient(i).getEntryFirstRep().getResource();
      assertThat(errors(patient, hl7.validate(patient))).isNotEmpty();
      assertThat(errors(patient, fast.validate(patient))).isNotEmpty();
    }
  }

  @Test
  void bundleEntriesAreValidatedAlike() {
    Bundle bundle = new SyntheticPatientGenerator(3, "HD", EntryMode.PUT, false).patient(0);
    assertThat(fast.validateEntries(bundle).isSuccessful())
        .isEqualTo(hl7.validateEntries(bundle).isSuccessful());
  }

  private static List<String> errors(Resource resource, ValidationResult result) {
    List<String> out = new ArrayList<>();
    for (SingleValidationMessage m : result.getMessages()) {
      if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
        out.add(
            resource.getIdElement().getIdPart()
                + " "
                + m.getLocationString()
                + ": "
                + m.getMessage());
      }
    }
    return out;
  }
}
