package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.context.FhirContext;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The app's one in-memory support over the shipped terminology: the MDS validator's chain and the
 * form rules' code checks share it, so its indexes are built and held once.
 */
@Configuration
public class TerminologySupportConfig {

  @Bean
  public CcpTerminologyValidationSupport ccpTerminologyValidationSupport(FhirContext fhirContext) {
    return new CcpTerminologyValidationSupport(fhirContext);
  }
}
