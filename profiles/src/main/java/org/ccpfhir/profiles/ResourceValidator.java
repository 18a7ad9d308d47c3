package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What the ingest path needs from a validator, so that the HL7-based {@link MdsValidator} and the
 * compiled {@code org.ccpfhir.profiles.fast.FastMdsValidator} can be swapped by configuration.
 * Implementations are thread-safe.
 */
public interface ResourceValidator {

  /** Validates against base R4 and the given profiles; an empty list checks base R4 only. */
  ValidationResult validate(IBaseResource resource, List<String> profiles);

  /** Validates against the profiles that {@link ProfileSelector} picks for the resource. */
  ValidationResult validate(IBaseResource resource);

  /** The profiles {@link #validate(IBaseResource)} would use. */
  List<String> selectProfiles(IBaseResource resource);

  /**
   * Validates every entry resource of a bundle against the profiles {@link ProfileSelector} picks
   * for it; locations point into the bundle ({@code Bundle.entry[2].resource.birthDate}).
   */
  ValidationResult validateEntries(Bundle bundle);

  FhirContext fhirContext();
}
