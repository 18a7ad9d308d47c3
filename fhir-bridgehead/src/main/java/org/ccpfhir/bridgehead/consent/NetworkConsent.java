package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Whether a patient's consent, as recorded by the site's data manager in a FHIR Consent in the site
 * store, allows taking part in the network with a global pseudonym (CCP-IT §3.2: explicit network
 * consent): the patient's consent kind ({@link ConsentKinds}) is {@link ConsentKind#NETWORK}.
 */
@Component
public class NetworkConsent {

  /** Code system of the consent policies of the network. */
  public static final String POLICY_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/consent-policy";

  /** Explicit consent to the network: global pseudonym, upload with it. */
  public static final String NETWORK = "network";

  /** Local consent allowing pseudonymized upload (§3.4 b), if the site switched it on. */
  public static final String LOCAL_UPLOAD = "local-upload";

  /** Objection: the patient's data may not be imported. */
  public static final String OBJECTION = "objection";

  private final DaoRegistry daoRegistry;
  private final ConsentKinds kinds;

  public NetworkConsent(DaoRegistry daoRegistry, ConsentKinds kinds) {
    this.daoRegistry = daoRegistry;
    this.kinds = kinds;
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
    return kinds
        .of(references.getValuesAsQueryTokens().stream().map(ReferenceParam::getIdPart).toList())
        .containsValue(ConsentKind.NETWORK);
  }
}
