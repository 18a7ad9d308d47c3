package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/**
 * Names the bridgehead in its CapabilityStatement. The MDS profiles per resource type
 * (supportedProfile) and the operations' definitions are linked by security's
 * DefinitionLinksInterceptor, the same on every app.
 */
@Component
@Interceptor
public class SupportedProfilesInterceptor implements FhirInterceptor {

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void addProfiles(IBaseConformance conformance) {
    if (!(conformance instanceof CapabilityStatement statement)) {
      return;
    }
    statement.setName("ccp-fhir-bridgehead");
    statement.setTitle("ccp-fhir site bridgehead (MDS-K / MDS-B store)");
  }
}
