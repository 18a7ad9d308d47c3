package org.ccpfhir.bridgehead.upload;

import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;

/** Consent resources as a site's data manager records them, for the upload tests and bench. */
public final class ConsentResources {

  private ConsentResources() {}

  /**
   * @param patient reference to the Patient ({@code Patient/1} or a bundle's {@code urn:uuid:})
   * @param policy a code of the consent-policy CodeSystem ({@code network}, {@code local-upload},
   *     {@code objection})
   */
  public static Consent consent(String patient, String policy) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(
        new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "research", null)));
    consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("57016-8");
    consent.setPatient(new Reference(patient));
    consent.getPolicyRule().addCoding().setSystem(NetworkConsent.POLICY_SYSTEM).setCode(policy);
    consent
        .getProvision()
        .setType(
            NetworkConsent.OBJECTION.equals(policy)
                ? Consent.ConsentProvisionType.DENY
                : Consent.ConsentProvisionType.PERMIT);
    return consent;
  }
}
