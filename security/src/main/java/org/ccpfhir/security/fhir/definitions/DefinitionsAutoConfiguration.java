package org.ccpfhir.security.fhir.definitions;

import org.ccpfhir.profiles.CuratedDefinitions;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The project's curated StructureDefinitions, OperationDefinitions, CodeSystems and ValueSets
 * ({@link CuratedDefinitions}, the same objects the validators use) served read-only, linked from
 * the CapabilityStatement and guarded by their access rules, in every app that has the profiles
 * module. The providers are {@code FhirProvider} beans, registered by the app's server
 * configuration like any other; CodeSystems and ValueSets are left to the store where {@link
 * DefinitionsProperties#terminologyFromStore()} says so.
 */
@AutoConfiguration
@ConditionalOnClass(CuratedDefinitions.class)
@EnableConfigurationProperties(DefinitionsProperties.class)
public class DefinitionsAutoConfiguration {

  @Bean
  public ServedDefinitions servedDefinitions() {
    CuratedDefinitions curated = CuratedDefinitions.shared();
    return new ServedDefinitions(
        curated.resources(CuratedDefinitions.TYPES), curated.profilesByType());
  }

  @Bean
  public ServedResourceProvider servedStructureDefinitions(ServedDefinitions definitions) {
    return ServedResourceProvider.readable(definitions, StructureDefinition.class);
  }

  @Bean
  public ServedResourceProvider servedOperationDefinitions(ServedDefinitions definitions) {
    return ServedResourceProvider.searchable(definitions, OperationDefinition.class);
  }

  /** CodeSystems and ValueSets, unless the app's store serves them. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "ccp.definitions",
      name = "terminology-from-store",
      havingValue = "false",
      matchIfMissing = true)
  static class Terminology {

    @Bean
    public ServedResourceProvider servedCodeSystems(ServedDefinitions definitions) {
      return ServedResourceProvider.readable(definitions, CodeSystem.class);
    }

    @Bean
    public ServedResourceProvider servedValueSets(ServedDefinitions definitions) {
      return ServedResourceProvider.readable(definitions, ValueSet.class);
    }
  }

  @Bean
  public DefinitionLinksInterceptor definitionLinksInterceptor(ServedDefinitions definitions) {
    return new DefinitionLinksInterceptor(definitions);
  }

  @Bean
  public DefinitionAccessRules definitionAccessRules() {
    return new DefinitionAccessRules();
  }
}
