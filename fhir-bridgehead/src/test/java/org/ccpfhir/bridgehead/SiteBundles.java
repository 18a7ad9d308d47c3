package org.ccpfhir.bridgehead;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/** The Patient of a generated bundle, and the stored Patients with an identifier, for the ITs. */
public final class SiteBundles {

  private SiteBundles() {}

  /** The first Patient entry of a (synthetic) transaction bundle. */
  public static Patient patientOf(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(BundleEntryComponent::getResource)
        .filter(Patient.class::isInstance)
        .map(Patient.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /** The store's Patients with exactly this identifier (system and value). */
  public static Bundle patientsWith(IGenericClient client, Identifier identifier) {
    return client
        .search()
        .forResource(Patient.class)
        .where(
            Patient.IDENTIFIER
                .exactly()
                .systemAndIdentifier(identifier.getSystem(), identifier.getValue()))
        .returnBundle(Bundle.class)
        .execute();
  }
}
