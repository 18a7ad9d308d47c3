package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.ccpfhir.bridgehead.pseudonym.PatientPseudonymizer;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Keeps identifying data (IDAT) out of the MDAT store (CCP-IT §3.1, A-1). Exact birth dates are
 * reduced to month and year; a named Patient in an ingested bundle is pseudonymized through the
 * local patient list; otherwise names, addresses, telecom, photos and contacts are refused because
 * they belong to the local patient list. Messages name the element, never its value.
 */
@Component
public class IdatGuard {

  private final PatientPseudonymizer pseudonymizer;

  public IdatGuard(PatientPseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  /**
   * For bundles from clinical systems: a Patient that carries a name is pseudonymized through the
   * local patient list (its IDAT leave the resource); everything else as {@link #apply}.
   */
  public void applyOnIngest(Resource resource, String path, IngestIssues issues) {
    if (resource instanceof Patient patient && patient.hasName()) {
      try {
        pseudonymizer.pseudonymize(patient, path + ".ofType(Patient)");
      } catch (InvalidRequestException incomplete) {
        issues.error(IssueType.REQUIRED, path + ".ofType(Patient)", incomplete.getMessage());
        return;
      }
    }
    apply(resource, path, issues);
  }

  /**
   * Reduces what may be reduced and reports what must be refused.
   *
   * @param resource the resource about to be stored (modified in place)
   * @param path FHIRPath of the resource inside the request, e.g. {@code Bundle.entry[2].resource}
   * @param issues where refusals are reported
   */
  public void apply(Resource resource, String path, IngestIssues issues) {
    if (resource instanceof Patient patient) {
      apply(patient, path, issues);
    }
  }

  private void apply(Patient patient, String path, IngestIssues issues) {
    refuseIf(patient.hasName(), path, "name", issues);
    refuseIf(patient.hasTelecom(), path, "telecom", issues);
    refuseIf(patient.hasAddress(), path, "address", issues);
    refuseIf(patient.hasPhoto(), path, "photo", issues);
    refuseIf(patient.hasContact(), path, "contact", issues);
    DateType birthDate = patient.getBirthDateElement();
    if (birthDate.getValueAsString() != null && birthDate.getValue() == null) {
      issues.error(
          IssueType.VALUE,
          path + ".ofType(Patient).birthDate",
          "Patient.birthDate is not a valid FHIR date (expected YYYY, YYYY-MM or YYYY-MM-DD).");
      return;
    }
    if (birthDate.getValue() != null
        && birthDate.getPrecision().ordinal() > TemporalPrecisionEnum.MONTH.ordinal()) {
      patient.setBirthDateElement(new DateType(birthDate.getValueAsString().substring(0, 7)));
    }
  }

  private static void refuseIf(boolean present, String path, String element, IngestIssues issues) {
    if (present) {
      issues.error(
          IssueType.SECURITY,
          path + ".ofType(Patient)." + element,
          "Patient."
              + element
              + " is identifying data (IDAT) and is not accepted by the MDAT store; the Patient"
              + " may only carry its pseudonym identifier, birth month/year and sex. Send IDAT to"
              + " the local patient list ($pseudonymize) instead.");
    }
  }
}
