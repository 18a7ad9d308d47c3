package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Whether a patient's consent, as recorded by the site's data manager in a FHIR Consent in the site
 * store, allows taking part in the network with a global pseudonym (CCP-IT §3.2: explicit network
 * consent). The Consent names the policy in {@code policyRule} ({@value #POLICY_SYSTEM}: {@code
 * network}), is active, permits, and its provision period (if any) covers today.
 */
@Component
public class NetworkConsent {

  /** Code system of the consent policies of the network. */
  public static final String POLICY_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/consent-policy";

  /** Explicit consent to the network: global pseudonym, upload with it. */
  public static final String NETWORK = "network";

  private final DaoRegistry daoRegistry;

  public NetworkConsent(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** True when a Patient with the identifier {@code system|value} has an active network consent. */
  public boolean allowsGlobal(String system, String value) {
    SystemRequestDetails request = new SystemRequestDetails();
    IFhirResourceDao<Patient> patients = daoRegistry.getResourceDao(Patient.class);
    ReferenceOrListParam references = new ReferenceOrListParam();
    for (IBaseResource patient :
        patients
            .search(
                SearchParameterMap.newSynchronous(
                    Patient.SP_IDENTIFIER, new TokenParam(system, value)),
                request)
            .getAllResources()) {
      references.addOr(new ReferenceParam(patient.getIdElement().toUnqualifiedVersionless()));
    }
    if (references.getValuesAsQueryTokens().isEmpty()) {
      return false;
    }
    SearchParameterMap query = SearchParameterMap.newSynchronous();
    query.add(Consent.SP_PATIENT, references);
    query.add(Consent.SP_STATUS, new TokenParam("active"));
    Date now = new Date();
    IFhirResourceDao<Consent> consents = daoRegistry.getResourceDao(Consent.class);
    for (IBaseResource found : consents.search(query, request).getAllResources()) {
      Consent consent = (Consent) found;
      boolean network =
          consent.getPolicyRule().getCoding().stream()
              .anyMatch(c -> POLICY_SYSTEM.equals(c.getSystem()) && NETWORK.equals(c.getCode()));
      boolean permits =
          !consent.hasProvision()
              || consent.getProvision().getType() != Consent.ConsentProvisionType.DENY;
      boolean current =
          !consent.hasProvision()
              || !consent.getProvision().hasPeriod()
              || covers(consent.getProvision().getPeriod(), now);
      if (network && permits && current) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(org.hl7.fhir.r4.model.Period period, Date now) {
    return (!period.hasStart() || !period.getStart().after(now))
        && (!period.hasEnd() || !period.getEnd().before(now));
  }
}
