package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the consent operations to the site's FHIR server (before its servlet starts); access: the
 * admin rule for system-level operations ({@code BridgeheadAccessRules}).
 */
@Configuration
public class ConsentFhirConfig {

  public ConsentFhirConfig(RestfulServer server, LocalUploadOperationProvider localUpload) {
    server.registerProvider(localUpload);
  }
}
