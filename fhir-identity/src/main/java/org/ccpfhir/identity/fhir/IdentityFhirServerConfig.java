package org.ccpfhir.identity.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.ccpfhir.security.audit.AuditEventResourceProvider;
import org.ccpfhir.security.auth.BundleEntryAuthorization;
import org.ccpfhir.security.errors.ClientErrorInterceptor;
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
      ObjectProvider<FhirOperations> operations,
      AuditEventResourceProvider auditEvents,
      BundleEntryAuthorization bundleEntries) {
    RestfulServer server = new RestfulServer(fhir);
    // a process without a role serves only its audit trail
    server.registerProviders(List.copyOf(operations.orderedStream().toList()));
    server.registerProvider(auditEvents);
    server.registerInterceptor(new ClientErrorInterceptor());
    // no provider takes batches today; should one come, its entries pass the access rules
    server.registerInterceptor(bundleEntries);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, "/fhir/*");
    registration.setName("identityFhir");
    return registration;
  }
}
