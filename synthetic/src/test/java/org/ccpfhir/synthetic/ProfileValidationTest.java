package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.profiles.MdsValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every generated resource conforms to the MDS profiles it declares. */
class ProfileValidationTest {

  private static MdsValidator validator;

  @BeforeAll
  static void createValidator() {
    validator = MdsValidator.create();
  }

  @Test
  void fiftyPatientsValidateWithoutErrors() {
    List<String> errors = new ArrayList<>();
    int resources = 0;
    for (String site : List.of("HD", "TUE", "DD")) {
      var generator = new SyntheticPatientGenerator(42, site, EntryMode.PUT, false);
      for (Bundle bundle : generator.patients(0, site.equals("HD") ? 30 : 10).toList()) {
        for (BundleEntryComponent e : bundle.getEntry()) {
          resources++;
          errors.addAll(errorsOf(e.getResource()));
        }
      }
    }
    errors.forEach(System.out::println);
    assertThat(resources).isGreaterThan(500);
    assertThat(errors).isEmpty();
  }

  @Test
  void postModeResourcesValidateToo() {
    List<String> errors = new ArrayList<>();
    var generator = new SyntheticPatientGenerator(8, "HD", EntryMode.POST, false);
    generator
        .patients(0, 5)
        .flatMap(b -> b.getEntry().stream())
        .forEach(e -> errors.addAll(errorsOf(e.getResource())));
    errors.forEach(System.out::println);
    assertThat(errors).isEmpty();
  }

  @Test
  void everyResourceDeclaresTheProfileTheSelectorPicks() {
    var generator = new SyntheticPatientGenerator(42, "HD", EntryMode.PUT, false);
    generator
        .patients(0, 20)
        .flatMap(b -> b.getEntry().stream())
        .map(BundleEntryComponent::getResource)
        .forEach(
            r -> {
              List<String> selected = validator.selectProfiles(r);
              assertThat(selected).as(r.getIdElement().getIdPart()).hasSize(1);
              assertThat(MdsProfiles.isMdsProfile(selected.get(0))).isTrue();
              assertThat(r.getMeta().getProfile().get(0).getValue()).isEqualTo(selected.get(0));
            });
  }

  @Test
  void idatPatientsAreRejectedByTheMdsPatientProfile() {
    var generator = new SyntheticPatientGenerator(42, "HD", EntryMode.PUT, true);
    Patient patient = (Patient) generator.patient(0).getEntryFirstRep().getResource();
    assertThat(errorsOf(patient)).isNotEmpty();
  }

  private static List<String> errorsOf(Resource resource) {
    ValidationResult result = validator.validate(resource);
    List<String> errors = new ArrayList<>();
    for (SingleValidationMessage m : result.getMessages()) {
      if (m.getSeverity() == ResultSeverityEnum.ERROR
          || m.getSeverity() == ResultSeverityEnum.FATAL) {
        errors.add(
            resource.fhirType()
                + "/"
                + resource.getIdElement().getIdPart()
                + " "
                + m.getLocationString()
                + ": "
                + m.getMessage());
      }
    }
    return errors;
  }
}
