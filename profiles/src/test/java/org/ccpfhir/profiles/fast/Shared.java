package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;

/** One fast validator (with its HL7 fallback) per test JVM: building them takes seconds. */
final class Shared {

  static final FhirContext CTX = FhirContext.forR4Cached();

  private static FastMdsValidator validator;

  private Shared() {}

  static synchronized FastMdsValidator validator() {
    if (validator == null) {
      validator = FastMdsValidator.create(CTX);
    }
    return validator;
  }

  static List<SingleValidationMessage> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }

  static String dump(ValidationResult result) {
    StringBuilder out = new StringBuilder();
    for (SingleValidationMessage m : result.getMessages()) {
      if (m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal()) {
        out.append("\n  ")
            .append(m.getSeverity())
            .append(' ')
            .append(m.getLocationString())
            .append(": ")
            .append(m.getMessage());
      }
    }
    return out.toString();
  }
}
