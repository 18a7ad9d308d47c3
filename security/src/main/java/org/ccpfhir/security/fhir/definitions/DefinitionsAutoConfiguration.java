package org.ccpfhir.security.fhir.definitions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The served definitions' CapabilityStatement links and access rules, for every app that declares a
 * {@link ServedDefinitions} bean (the app registers the providers itself, as FhirProvider beans:
 * the bridgehead serves CodeSystems and ValueSets from its store).
 */
@AutoConfiguration
@ConditionalOnBean(ServedDefinitions.class)
public class DefinitionsAutoConfiguration {

  @Bean
  public DefinitionLinksInterceptor definitionLinksInterceptor(ServedDefinitions definitions) {
    return new DefinitionLinksInterceptor(definitions);
  }

  @Bean
  public DefinitionAccessRules definitionAccessRules() {
    return new DefinitionAccessRules();
  }
}
