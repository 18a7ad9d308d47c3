package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;
import org.springframework.stereotype.Component;

/**
 * Reads the consent kind of patients from the Consent resources in the site store. A Consent counts
 * when it is {@code active}, its provision period (if any) covers now, and its {@code policyRule}
 * names a code of the consent-policy CodeSystem; a {@code network} or {@code local-upload} Consent
 * whose provision is {@code deny} is a refusal (= none). Several current Consents of one patient:
 * an objection always wins, otherwise the most recently written one decides. Withdrawing consent =
 * setting the Consent inactive, deleting it, or recording a newer deny.
 */
@Component
public class ConsentKinds {

  private final DaoRegistry daoRegistry;

  public ConsentKinds(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** The kind one Consent states now; NONE when it states nothing the network knows. */
  public static ConsentKind of(Consent consent, Date now) {
    if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
      return ConsentKind.NONE;
    }
    if (consent.hasProvision()
        && consent.getProvision().hasPeriod()
        && !covers(consent.getProvision().getPeriod(), now)) {
      return ConsentKind.NONE;
    }
    ConsentKind kind = ConsentKind.NONE;
    for (Coding coding : consent.getPolicyRule().getCoding()) {
      if (NetworkConsent.POLICY_SYSTEM.equals(coding.getSystem())) {
        kind = kind.strongest(ConsentKind.ofCode(coding.getCode()).orElse(ConsentKind.NONE));
      }
    }
    boolean deny =
        consent.hasProvision()
            && consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
    return deny && kind != ConsentKind.OBJECTION ? ConsentKind.NONE : kind;
  }

  /** Kind per patient (logical id) of every patient with a current Consent. */
  public Map<String, ConsentKind> all() {
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add(Consent.SP_STATUS, new TokenParam("active"));
    return collect(search(query));
  }

  /** Kind of the given patients (logical ids); patients without a Consent are absent. */
  public Map<String, ConsentKind> of(Collection<String> patientIds) {
    if (patientIds.isEmpty()) {
      return Map.of();
    }
    ReferenceOrListParam patients = new ReferenceOrListParam();
    patientIds.forEach(id -> patients.addOr(new ReferenceParam("Patient/" + id)));
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add(Consent.SP_PATIENT, patients);
    query.add(Consent.SP_STATUS, new TokenParam("active"));
    return collect(search(query));
  }

  public ConsentKind of(String patientId) {
    return of(List.of(patientId)).getOrDefault(patientId, ConsentKind.NONE);
  }

  private List<IBaseResource> search(SearchParameterMap query) {
    IFhirResourceDao<Consent> consents = daoRegistry.getResourceDao(Consent.class);
    return InternalSearches.everything(consents.search(query, new SystemRequestDetails()));
  }

  /** Objection always wins; otherwise the latest current statement (a deny = none) decides. */
  private static Map<String, ConsentKind> collect(List<IBaseResource> found) {
    Date now = new Date();
    Map<String, Consent> latest = new HashMap<>();
    Map<String, ConsentKind> kinds = new HashMap<>();
    for (IBaseResource resource : found) {
      Consent consent = (Consent) resource;
      if (!consent.getPatient().getReferenceElement().hasIdPart() || !names(consent)) {
        continue;
      }
      String patient = consent.getPatient().getReferenceElement().getIdPart();
      ConsentKind kind = of(consent, now);
      if (kinds.get(patient) == ConsentKind.OBJECTION) {
        continue;
      }
      Consent before = latest.get(patient);
      if (kind == ConsentKind.OBJECTION || before == null || newer(consent, before)) {
        latest.put(patient, consent);
        kinds.put(patient, kind);
      }
    }
    return kinds;
  }

  private static boolean names(Consent consent) {
    return consent.getPolicyRule().getCoding().stream()
        .anyMatch(c -> NetworkConsent.POLICY_SYSTEM.equals(c.getSystem()));
  }

  private static boolean newer(Consent a, Consent b) {
    Date first = a.getMeta().getLastUpdated();
    Date second = b.getMeta().getLastUpdated();
    return first != null && (second == null || first.after(second));
  }

  private static boolean covers(Period period, Date now) {
    return (!period.hasStart() || !period.getStart().after(now))
        && (!period.hasEnd() || !period.getEnd().before(now));
  }
}
