package org.ccpfhir.bridgehead.biobank;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.biobank.provider.SampleExportProvider;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.terminology.SampleMaterialTypes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the sample management (package README section "Sample management"). */
@Configuration
@EnableConfigurationProperties(BiobankProperties.class)
public class BiobankConfig {

  @Bean
  public BiobankSearchParameters biobankSearchParameters(
      DaoRegistry daos, ISearchParamRegistry registry) {
    return new BiobankSearchParameters(daos, registry);
  }

  @Bean
  public SampleListIndexes sampleListIndexes(
      DataSource dataSource,
      // HAPI's tables exist once the store's search parameters could be written
      BiobankSearchParameters searchParameters) {
    return new SampleListIndexes(dataSource);
  }

  @Bean
  public SampleRules sampleRules(
      FhirContext fhirContext,
      DaoRegistry daos,
      IInterceptorService interceptors,
      // the rules search by the shipped parameters: they must be active first
      BiobankSearchParameters searchParameters,
      UnitVisibility visibility) {
    SampleRules rules = new SampleRules(fhirContext, daos, visibility::forCurrentCaller);
    interceptors.registerInterceptor(rules);
    return rules;
  }

  @Bean
  public SampleExportProvider sampleExportProvider(
      DaoRegistry daos,
      BiobankProperties properties,
      BiobankSearchParameters searchParameters,
      UnitVisibility visibility) {
    return new SampleExportProvider(
        daos, SampleMaterialTypes.standard(), properties.exportMaxRows(), visibility);
  }
}
