package org.ccpfhir.mappers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.ResourceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validates mapper output against the MDS profiles the way the bridgehead does: a named Patient is
 * pseudonymized first (IDAT removed, local pseudonym added, birth date reduced to the month).
 */
public final class MdsCheck {

  public static final FhirContext CTX = FhirContext.forR4Cached();
  private static ResourceValidator validator;

  private MdsCheck() {}

  public static synchronized ResourceValidator validator() {
    if (validator == null) {
      validator = MdsValidator.create(CTX);
    }
    return validator;
  }

  /** A copy of the bundle as the bridgehead would store it. */
  public static Bundle asIngested(Bundle bundle) {
    Bundle copy = bundle.copy();
    for (Bundle.BundleEntryComponent e : copy.getEntry()) {
      Resource r = e.getResource();
      if (r instanceof Patient p && p.hasName()) {
        p.setName(null);
        p.setTelecom(null);
        p.setAddress(null);
        p.addIdentifier()
            .setSystem("https://ccp-fhir.org/fhir/sid/BK-TEST-L")
            .setValue("BKTESTL0000001");
        if (p.hasBirthDate()) {
          p.setBirthDateElement(
              new DateType(p.getBirthDateElement().getValueAsString().substring(0, 7)));
        }
      }
    }
    return copy;
  }

  public static List<SingleValidationMessage> errors(Bundle bundle) {
    ValidationResult result = validator().validateEntries(asIngested(bundle));
    return result.getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }

  public static void assertValid(Bundle bundle) {
    List<SingleValidationMessage> errors = errors(bundle);
    assertThat(errors)
        .as(
            () ->
                errors.stream()
                    .map(m -> m.getLocationString() + ": " + m.getMessage())
                    .reduce("", (a, b) -> a + "\n" + b))
        .isEmpty();
  }
}
