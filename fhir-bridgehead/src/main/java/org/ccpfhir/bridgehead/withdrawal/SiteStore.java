package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.dao.expunge.ExpungeService;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;

/**
 * The withdrawal's work in the site's own FHIR store: find the patient by its local pseudonym,
 * revoke the consents that let it upload, and at the end either delete and expunge everything of
 * the patient (history included, so no old version keeps the pseudonym) or downgrade it to a not
 * explicitly consented patient (no global pseudonym identifier).
 */
public class SiteStore {

  /** Records about the patient that are kept for their own retention, not its data. */
  private static final Set<String> KEPT = Set.of("AuditEvent", "Provenance");

  private final DaoRegistry daos;
  private final IFhirSystemDao<Bundle, ?> system;
  private final ExpungeService expunge;
  private final FhirContext fhir;

  public SiteStore(
      DaoRegistry daos,
      IFhirSystemDao<Bundle, ?> system,
      ExpungeService expunge,
      FhirContext fhir) {
    this.daos = daos;
    this.system = system;
    this.expunge = expunge;
    this.fhir = fhir;
  }

  /** Logical ids of the Patients carrying the pseudonym. */
  public List<String> patients(String system, String value) {
    return search("Patient", "identifier", new TokenOrListParam(system, value)).stream()
        .map(p -> p.getIdElement().getIdPart())
        .toList();
  }

  /** A pseudonym of the given system on one of the patients (e.g. a recorded BK-G-ID). */
  public String identifierOf(List<String> patientIds, String system) {
    for (String id : patientIds) {
      Patient patient = read(id);
      for (var identifier : patient.getIdentifier()) {
        if (system.equals(identifier.getSystem()) && identifier.hasValue()) {
          return identifier.getValue();
        }
      }
    }
    return null;
  }

  /** Sets every current network or local-upload Consent of the patients inactive. */
  public int revokeConsents(List<String> patientIds) {
    int revoked = 0;
    Date now = new Date();
    IFhirResourceDao<Consent> dao = daos.getResourceDao(Consent.class);
    for (IBaseResource found : search("Consent", "patient", references(patientIds))) {
      Consent consent = (Consent) found;
      ConsentKind kind = ConsentKinds.of(consent, now);
      if (kind == ConsentKind.NETWORK || kind == ConsentKind.LOCAL_UPLOAD) {
        consent.setStatus(Consent.ConsentState.INACTIVE);
        dao.update(consent, new SystemRequestDetails());
        revoked++;
      }
    }
    return revoked;
  }

  /** Removes identifiers of the system from the patients; answers how many were removed. */
  public int removeIdentifiers(List<String> patientIds, String system) {
    int removed = 0;
    IFhirResourceDao<Patient> dao = daos.getResourceDao(Patient.class);
    for (String id : patientIds) {
      Patient patient = read(id);
      int before = patient.getIdentifier().size();
      patient.getIdentifier().removeIf(i -> system.equals(i.getSystem()));
      if (patient.getIdentifier().size() != before) {
        removed += before - patient.getIdentifier().size();
        dao.update(patient, new SystemRequestDetails());
      }
    }
    return removed;
  }

  /**
   * Deletes the patients and every resource referring to them as patient or subject in one
   * transaction, then expunges them with their history. Answers how many resources went.
   */
  public int deleteEverything(List<String> patientIds) {
    Map<IIdType, IResourcePersistentId<?>> targets = new LinkedHashMap<>();
    ReferenceOrListParam patients = references(patientIds);
    for (String type : fhir.getResourceTypes()) {
      if (!daos.isResourceTypeSupported(type) || KEPT.contains(type)) {
        continue;
      }
      for (String parameter : patientParameters(type)) {
        for (IBaseResource found : searchIfActive(type, parameter, patients)) {
          targets.putIfAbsent(found.getIdElement().toUnqualifiedVersionless(), null);
        }
      }
    }
    // what is about the patients' samples (form entries on a Specimen): it refers to a Specimen
    // deleted here, so it goes too (and the delete would fail on the reference otherwise)
    ReferenceOrListParam samples = new ReferenceOrListParam();
    targets.keySet().stream()
        .filter(id -> "Specimen".equals(id.getResourceType()))
        .forEach(id -> samples.addOr(new ReferenceParam(id.getValue())));
    if (!samples.getValuesAsQueryTokens().isEmpty()) {
      for (String type : fhir.getResourceTypes()) {
        if (!daos.isResourceTypeSupported(type) || KEPT.contains(type) || !aboutSamples(type)) {
          continue;
        }
        for (IBaseResource found : searchIfActive(type, "subject", samples)) {
          targets.putIfAbsent(found.getIdElement().toUnqualifiedVersionless(), null);
        }
      }
    }
    for (String id : patientIds) {
      targets.put(read(id).getIdElement().toUnqualifiedVersionless(), null);
    }
    SystemRequestDetails request = new SystemRequestDetails();
    targets.replaceAll(
        (id, none) ->
            daos.getResourceDao(id.getResourceType()).readEntity(id, request).getPersistentId());
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    targets
        .keySet()
        .forEach(
            id ->
                transaction
                    .addEntry()
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.DELETE)
                    .setUrl(id.getValue()));
    system.transaction(new SystemRequestDetails(), transaction);
    ExpungeOptions options =
        new ExpungeOptions().setExpungeDeletedResources(true).setExpungeOldVersions(true);
    targets.forEach(
        (id, pid) -> {
          // without a version the expunge takes the whole resource, not the one version read
          pid.setVersion(null);
          expunge.expunge(id.getResourceType(), pid, options, new SystemRequestDetails());
        });
    return targets.size();
  }

  /** Whether the type's {@code subject} may name a Specimen (a QuestionnaireResponse: any). */
  private boolean aboutSamples(String type) {
    RuntimeSearchParam parameter = fhir.getResourceDefinition(type).getSearchParam("subject");
    return parameter != null
        && parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE
        && (parameter.getTargets().isEmpty() || parameter.getTargets().contains("Specimen"));
  }

  private List<String> patientParameters(String type) {
    List<String> names = new ArrayList<>();
    for (String name : List.of("patient", "subject")) {
      RuntimeSearchParam parameter = fhir.getResourceDefinition(type).getSearchParam(name);
      if (parameter != null
          && parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE
          && (parameter.getTargets().isEmpty() || parameter.getTargets().contains("Patient"))) {
        names.add(name);
      }
    }
    return names;
  }

  private List<IBaseResource> searchIfActive(
      String type, String parameter, ReferenceOrListParam values) {
    try {
      return search(type, parameter, values);
    } catch (InvalidRequestException retired) {
      // the store retired this search parameter (SearchParameterPolicy): the other one covers it
      return List.of();
    }
  }

  private Patient read(String id) {
    return daos.getResourceDao(Patient.class)
        .read(new org.hl7.fhir.r4.model.IdType("Patient", id), new SystemRequestDetails());
  }

  private static ReferenceOrListParam references(List<String> patientIds) {
    ReferenceOrListParam references = new ReferenceOrListParam();
    patientIds.forEach(id -> references.addOr(new ReferenceParam("Patient/" + id)));
    return references;
  }

  private List<IBaseResource> search(
      String type, String parameter, ca.uhn.fhir.model.api.IQueryParameterOr<?> values) {
    return InternalSearches.all(daos, type, parameter, values);
  }
}
