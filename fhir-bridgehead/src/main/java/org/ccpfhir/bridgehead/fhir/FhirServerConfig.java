package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Set;
import org.ccpfhir.security.auth.BundleEntryAuthorization;
import org.ccpfhir.security.errors.ClientErrorInterceptor;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.ccpfhir.security.fhir.FhirProvider;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.ccpfhir.security.fhir.definitions.ServedDefinitions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint of the site store, the interceptors every request passes and those of the
 * store itself: the one place where providers and interceptors are registered.
 */
@Configuration
public class FhirServerConfig {

  private static final Set<Class<?>> NOT_FROM_STORE =
      Set.of(AuditEvent.class, StructureDefinition.class, OperationDefinition.class);

  @Bean
  public RestfulServer fhirRestfulServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      JpaSystemProvider<?, ?> systemProvider,
      ValueSetOperationProvider valueSetOperationProvider,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider,
      FhirStoreProperties properties,
      ObjectProvider<FhirProvider> providers,
      ObjectProvider<FhirInterceptor> interceptors,
      BundleEntryAuthorization bundleEntries,
      IInterceptorService storage,
      ObjectProvider<StorageInterceptor> storageInterceptors,
      ServedDefinitions definitions) {
    systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
    // The default handler logs offending values, which may be identifying data; bad values are
    // reported to the client by validation instead.
    systemDao
        .getContext()
        .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
    RestfulServer server = new RestfulServer(systemDao.getContext());
    // AuditEvents live in the audit trail's own table, not in the clinical store; the curated
    // StructureDefinitions and OperationDefinitions are served from the classpath, read-only
    // (security DefinitionsAutoConfiguration), so the store's endpoints for these types are not
    // registered; CodeSystems and ValueSets stay the store's
    // (ccp.definitions.terminology-from-store)
    server.registerProviders(
        resourceProviders.createProviders().stream()
            .filter(
                provider ->
                    !(provider instanceof IResourceProvider resource
                        && NOT_FROM_STORE.contains(resource.getResourceType())))
            .toList());
    // the features' operations and the audit trail: every FhirProvider bean, the one way in
    server.registerProviders(providers.orderedStream().toList());
    server.registerProvider(systemProvider);
    server.registerProvider(valueSetOperationProvider);
    server.setServerConformanceProvider(
        new JpaCapabilityStatementProvider(
            server, systemDao, storageSettings, searchParamRegistry, validationSupport) {
          // OperationDefinition/[id]: the curated definition; HAPI's generated one for its own
          // operations (see ServedCapabilityStatementProvider, the same for the plain servers)
          @Override
          @Read(type = OperationDefinition.class)
          public IBaseResource readOperationDefinition(
              @IdParam IIdType id, RequestDetails request) {
            OperationDefinition curated = definitions.operationDefinition(id);
            return curated != null ? curated : super.readOperationDefinition(id, request);
          }
        });
    pagingProvider.setDefaultPageSize(properties.defaultPageSize());
    pagingProvider.setMaximumPageSize(properties.maxPageSize());
    server.setPagingProvider(pagingProvider);
    // searches are paged by offset (UnstoredSearches): the same default there
    server.setDefaultPageSize(properties.defaultPageSize());
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.setServerAddressStrategy(
        properties.serverAddress().isBlank()
            ? new IncomingRequestAddressStrategy()
            : new HardcodedServerAddressStrategy(properties.serverAddress()));
    // Interceptors in this order, on purpose: HAPI calls hooks of equal order in registration
    // order. The browser view and the client-error mapping, then security (the access rules for
    // each entry of a batch or transaction, which also runs first by its hook order), then the
    // features' FhirInterceptor beans in @Order order.
    server.registerInterceptor(new ResponseHighlighterInterceptor());
    server.registerInterceptor(new ClientErrorInterceptor());
    server.registerInterceptor(bundleEntries);
    interceptors.orderedStream().forEach(server::registerInterceptor);
    // the store's own hooks (every write and search, also of operations and internal callers)
    storageInterceptors.orderedStream().forEach(storage::registerInterceptor);
    return server;
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> fhirServlet(
      RestfulServer server, FhirStoreProperties properties) {
    String path = properties.path().endsWith("/") ? properties.path() : properties.path() + "/";
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, path + "*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
