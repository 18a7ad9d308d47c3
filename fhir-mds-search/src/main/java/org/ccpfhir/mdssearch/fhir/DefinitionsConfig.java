package org.ccpfhir.mdssearch.fhir;

import org.ccpfhir.profiles.CuratedDefinitions;
import org.ccpfhir.security.fhir.definitions.ServedDefinitions;
import org.ccpfhir.security.fhir.definitions.ServedProfilesProvider;
import org.ccpfhir.security.fhir.definitions.ServedTerminologyProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The project's curated StructureDefinitions, OperationDefinitions, CodeSystems and ValueSets,
 * served read-only from the classpath (the same objects the validators use) and linked from the
 * CapabilityStatement (security's definitions package).
 */
@Configuration
public class DefinitionsConfig {

  @Bean
  public ServedDefinitions servedDefinitions() {
    CuratedDefinitions curated = CuratedDefinitions.shared();
    return new ServedDefinitions(
        curated.resources(CuratedDefinitions.TYPES), curated.profilesByType());
  }

  @Bean
  public ServedProfilesProvider servedProfilesProvider(ServedDefinitions definitions) {
    return new ServedProfilesProvider(definitions);
  }

  @Bean
  public ServedTerminologyProvider servedTerminologyProvider(ServedDefinitions definitions) {
    return new ServedTerminologyProvider(definitions);
  }
}
