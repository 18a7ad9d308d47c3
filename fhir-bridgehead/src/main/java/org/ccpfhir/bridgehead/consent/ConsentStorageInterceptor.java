package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.HashMap;
import java.util.Map;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Consent at the storage level, for every write path: (1) a patient with a recorded objection gets
 * no data imported — any write of the patient or of a resource about it is refused with 422 and the
 * transaction stores nothing; (2) every Consent change is audited with its patient, policy and
 * resulting kind. The objection is looked up in the store once per patient and request (no cache
 * that several nodes would have to share); (3) a Consent naming a policy of the consent-policy
 * CodeSystem must use one of its codes (422 otherwise).
 */
@Component
@Interceptor
public class ConsentStorageInterceptor implements StorageInterceptor {

  private static final String SEEN = ConsentStorageInterceptor.class.getName() + ".seen";

  private final ConsentKinds kinds;
  private final DecisionAuditor auditor;

  public ConsentStorageInterceptor(ConsentKinds kinds, DecisionAuditor auditor) {
    this.kinds = kinds;
    this.auditor = auditor;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    refuseUnknownPolicy(resource);
    refuseObjected(resource, request);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(
      IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
    refuseUnknownPolicy(newResource);
    refuseObjected(newResource, request);
  }

  /**
   * A policy of the network's consent-policy CodeSystem (terminology {@code consent-policy}) must
   * be one of its codes: an unknown one would silently count as "no consent".
   */
  private static void refuseUnknownPolicy(IBaseResource resource) {
    if (!(resource instanceof Consent consent)) {
      return;
    }
    consent.getPolicyRule().getCoding().stream()
        .filter(c -> NetworkConsent.POLICY_SYSTEM.equals(c.getSystem()))
        .filter(c -> ConsentKind.ofCode(c.getCode()).isEmpty())
        .findFirst()
        .ifPresent(
            c -> {
              throw new UnprocessableEntityException(
                  "Consent.policyRule: code '"
                      + c.getCode()
                      + "' is not in "
                      + NetworkConsent.POLICY_SYSTEM
                      + " (network, local-upload, objection); nothing was stored");
            });
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void consentCreated(IBaseResource resource) {
    audit(resource, "C", "created");
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void consentUpdated(IBaseResource oldResource, IBaseResource newResource) {
    audit(newResource, "U", "updated");
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void consentDeleted(IBaseResource resource) {
    audit(resource, "D", "deleted");
  }

  private void audit(IBaseResource resource, String action, String what) {
    if (!(resource instanceof Consent consent)) {
      return;
    }
    String id = consent.getIdElement().toUnqualifiedVersionless().getValue();
    ConsentKind kind =
        "D".equals(action) ? ConsentKind.NONE : ConsentKinds.of(consent, new java.util.Date());
    String policies =
        String.join(
            ",",
            consent.getPolicyRule().getCoding().stream()
                .filter(c -> NetworkConsent.POLICY_SYSTEM.equals(c.getSystem()))
                .map(c -> c.getCode())
                .toList());
    auditor.record(
        "consent",
        action,
        id,
        200,
        id
            + " "
            + what
            + " for "
            + consent.getPatient().getReference()
            + ": policy "
            + (policies.isEmpty() ? "-" : policies)
            + ", status "
            + (consent.hasStatus() ? consent.getStatus().toCode() : "-")
            + ", states "
            + kind.name().toLowerCase().replace('_', '-'));
  }

  private void refuseObjected(IBaseResource resource, RequestDetails request) {
    if (request == null || !(resource instanceof Resource r) || r instanceof Consent) {
      return;
    }
    String patient = patientOf(r);
    if (patient == null) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Boolean> seen =
        (Map<String, Boolean>) request.getUserData().computeIfAbsent(SEEN, k -> new HashMap<>());
    boolean objected = seen.computeIfAbsent(patient, p -> kinds.of(p) == ConsentKind.OBJECTION);
    if (objected) {
      throw new UnprocessableEntityException(
          "Patient/"
              + patient
              + " has an objection recorded (Consent policy "
              + NetworkConsent.OBJECTION
              + "): no data of this patient may be imported; nothing was stored");
    }
  }

  /** The logical id of the Patient a resource is (or is about), or null. */
  public static String patientOf(Resource resource) {
    if ("Patient".equals(resource.fhirType())) {
      return resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : null;
    }
    for (String name : new String[] {"subject", "patient"}) {
      Property property = resource.getNamedProperty(name);
      if (property == null) {
        continue;
      }
      for (Base value : property.getValues()) {
        if (value instanceof Reference reference
            && "Patient".equals(reference.getReferenceElement().getResourceType())
            && reference.getReferenceElement().hasIdPart()) {
          return reference.getReferenceElement().getIdPart();
        }
      }
    }
    return null;
  }
}
