package org.ccpfhir.bridgehead.fhir;

import org.ccpfhir.profiles.CuratedDefinitions;
import org.ccpfhir.security.fhir.definitions.ServedDefinitions;
import org.ccpfhir.security.fhir.definitions.ServedProfilesProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The project's curated definitions at the bridgehead. StructureDefinitions and
 * OperationDefinitions are served read-only from the classpath (the same objects the ingest
 * validates against), not from the JPA store: a copy in the store could be changed or deleted there
 * and then disagree with what the validators use, and nothing at the site needs them as stored
 * resources. The store's own StructureDefinition and OperationDefinition endpoints are therefore
 * not registered (FhirServerConfig). CodeSystems and ValueSets are the exception: the terminology
 * operations ($lookup, $expand, $validate-code, $translate) work on stored resources, so
 * TerminologyStoreLoader puts the same classpath resources into the store under the same ids at
 * every start, and the store serves them.
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
}
