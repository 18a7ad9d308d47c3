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
import org.ccpfhir.security.auth.BundleEntryAuthorization;
import org.ccpfhir.security.errors.ClientErrorInterceptor;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.ccpfhir.security.fhir.FhirProvider;
import org.ccpfhir.security.fhir.definitions.ServedCapabilityStatementProvider;
import org.ccpfhir.security.fhir.definitions.ServedDefinitions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Specimen;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
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

  /** The resource types the central search counts: one count provider bean each. */
  static final List<Class<? extends IBaseResource>> COUNTED_TYPES =
      List.of(
          Patient.class,
          Condition.class,
          Observation.class,
          Specimen.class,
          Procedure.class,
          MedicationStatement.class);

  /**
   * One {@link CountSearchResourceProvider} bean per counted type, registered from the type list
   * (rather than a bean method per type), so the server config collects them with every other
   * {@link FhirProvider}.
   */
  @Bean
  static BeanDefinitionRegistryPostProcessor countProviders() {
    return registry -> {
      for (Class<? extends IBaseResource> type : COUNTED_TYPES) {
        AbstractBeanDefinition provider =
            BeanDefinitionBuilder.genericBeanDefinition(CountSearchResourceProvider.class)
                .addConstructorArgValue(type)
                .setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR)
                .getBeanDefinition();
        registry.registerBeanDefinition("count" + type.getSimpleName() + "Provider", provider);
      }
    };
  }

  @Bean
  public EvaluateMeasureProvider evaluateMeasureProvider(
      FhirContext fhirContext,
      SearchCatalog catalog,
      CountService counts,
      CountSearchProperties properties) {
    return new EvaluateMeasureProvider(fhirContext, catalog, counts, properties);
  }

  @Bean
  public RestfulServer fhirRestfulServer(
      FhirContext fhirContext,
      ObjectProvider<FhirProvider> providers,
      ObjectProvider<FhirInterceptor> interceptors,
      BundleEntryAuthorization bundleEntries,
      ServedDefinitions definitions) {
    RestfulServer server = new RestfulServer(fhirContext);
    // OperationDefinition/[id] answers the curated definition (security
    // DefinitionsAutoConfiguration)
    server.setServerConformanceProvider(new ServedCapabilityStatementProvider(server, definitions));
    // the count providers (countProviders, evaluateMeasureProvider), the other flows' providers
    // (upload, broker, researcher pages) and the audit trail: every FhirProvider bean, the one way
    // in
    server.registerProviders(providers.orderedStream().toList());
    // Interceptors in this order, on purpose (HAPI calls hooks of equal order in registration
    // order): the released total, the client-error mapping, then security's access rules for
    // bundle entries (no provider takes batches today; should one come, its entries pass the
    // rules), then the features' FhirInterceptor beans in @Order order.
    server.registerInterceptor(new ReleasedTotalInterceptor());
    server.registerInterceptor(new ClientErrorInterceptor());
    server.registerInterceptor(bundleEntries);
    interceptors.orderedStream().forEach(server::registerInterceptor);
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
