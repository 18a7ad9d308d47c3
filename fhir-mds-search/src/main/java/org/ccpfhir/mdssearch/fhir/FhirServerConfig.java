package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.mdssearch.disclosure.QueryBudget;
import org.ccpfhir.mdssearch.disclosure.ReleaseAuditor;
import org.ccpfhir.security.audit.AuditEventResourceProvider;
import org.ccpfhir.security.auth.BundleEntryAuthorization;
import org.ccpfhir.security.errors.ClientErrorInterceptor;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Specimen;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HAPI's plain FHIR server of the central search: count providers, the operation, the audit. */
@Configuration
@EnableConfigurationProperties(CountSearchProperties.class)
public class FhirServerConfig {

  @Bean
  public CountService countService(
      CountEngine engine,
      DisclosurePolicy policy,
      QueryBudget budget,
      ReleaseAuditor auditor,
      DisclosureProperties disclosure) {
    return new CountService(engine, policy, budget, auditor, disclosure);
  }

  @Bean
  public RestfulServer fhirRestfulServer(
      FhirContext fhirContext,
      SearchCatalog catalog,
      CountService counts,
      CountSearchProperties properties,
      AuditEventResourceProvider auditEvents,
      BundleEntryAuthorization bundleEntries) {
    RestfulServer server = new RestfulServer(fhirContext);
    for (Class<? extends org.hl7.fhir.instance.model.api.IBaseResource> type :
        List.of(
            Patient.class,
            Condition.class,
            Observation.class,
            Specimen.class,
            Procedure.class,
            MedicationStatement.class)) {
      server.registerProvider(new CountSearchResourceProvider(type, catalog, counts));
    }
    server.registerProvider(new EvaluateMeasureProvider(fhirContext, catalog, counts, properties));
    server.registerProvider(auditEvents);
    server.registerInterceptor(new ReleasedTotalInterceptor());
    server.registerInterceptor(new ClientErrorInterceptor());
    // no provider takes batches today; should one come, its entries pass the access rules
    server.registerInterceptor(bundleEntries);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    return server;
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> fhirServlet(
      RestfulServer server, CountSearchProperties properties) {
    String path = properties.path().endsWith("/") ? properties.path() : properties.path() + "/";
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, path + "*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
