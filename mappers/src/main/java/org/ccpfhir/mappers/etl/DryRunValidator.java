package org.ccpfhir.mappers.etl;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.ccpfhir.profiles.ResourceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Validates a bundle against the MDS profiles the way the bridgehead will see it: a named Patient
 * is first reduced as the bridgehead's pseudonymization does (IDAT removed, a placeholder local
 * pseudonym, birth month only) on a copy, so the check neither needs nor keeps IDAT.
 */
final class DryRunValidator {

  private final ResourceValidator validator;

  DryRunValidator(ResourceValidator validator) {
    this.validator = validator;
  }

  /** Error messages ("location: message"), empty when the bundle would be accepted. */
  List<String> errors(Bundle bundle) {
    Bundle copy = bundle.copy();
    for (Bundle.BundleEntryComponent e : copy.getEntry()) {
      if (e.getResource() instanceof Patient p && p.hasName()) {
        p.setName(null);
        p.setTelecom(null);
        p.setAddress(null);
        p.addIdentifier()
            .setSystem("https://ccp-fhir.org/fhir/sid/dry-run")
            .setValue("placeholder");
        if (p.hasBirthDate() && p.getBirthDateElement().getValueAsString().length() > 7) {
          p.setBirthDateElement(
              new DateType(p.getBirthDateElement().getValueAsString().substring(0, 7)));
        }
      }
    }
    return validator.validateEntries(copy).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .map(DryRunValidator::describe)
        .toList();
  }

  private static String describe(SingleValidationMessage m) {
    return m.getLocationString() + ": " + m.getMessage();
  }
}
