package org.ccpfhir.identity.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.ccpfhir.security.auth.BundleEntryAuthorization;
import org.ccpfhir.security.errors.ClientErrorInterceptor;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.ccpfhir.security.fhir.FhirProvider;
import org.ccpfhir.security.fhir.definitions.ServedCapabilityStatementProvider;
import org.ccpfhir.security.fhir.definitions.ServedDefinitions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity app's FHIR endpoint under {@code /fhir}: the operations of the roles this process
 * runs (generator, central list) and the audit trail. A plain HAPI server: the identity components
 * keep their own tables, not a FHIR store.
 */
@Configuration
public class IdentityFhirServerConfig {

  @Bean
  public FhirContext fhirContext() {
    FhirContext fhir = FhirContext.forR4();
    // bad values are refused with an OperationOutcome; the default handler would log them, and
    // they may be IDAT
    fhir.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    return fhir;
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> identityFhirServlet(
      FhirContext fhir,
      ObjectProvider<FhirProvider> providers,
      ObjectProvider<FhirInterceptor> interceptors,
      BundleEntryAuthorization bundleEntries,
      ServedDefinitions definitions) {
    RestfulServer server = new RestfulServer(fhir);
    // OperationDefinition/[id] answers the curated definition (security
    // DefinitionsAutoConfiguration)
    server.setServerConformanceProvider(new ServedCapabilityStatementProvider(server, definitions));
    // the operations of this process's roles and the audit trail (a process without a role serves
    // only the audit trail)
    server.registerProviders(providers.orderedStream().toList());
    // security first (FhirInterceptor): client errors as OperationOutcomes, then the access rules
    // for bundle entries (no provider takes batches today; should one come, its entries pass them)
    server.registerInterceptor(new ClientErrorInterceptor());
    server.registerInterceptor(bundleEntries);
    interceptors.orderedStream().forEach(server::registerInterceptor);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, "/fhir/*");
    registration.setName("identityFhir");
    return registration;
  }
}
