package org.ccpfhir.bridgehead.pseudonym;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.sql.DataSource;
import org.ccpfhir.identity.SecretFiles;
import org.ccpfhir.identity.local.BlockingKeys;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.IdatCipher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.local.LocalPatientRepository;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the local patient list of the fhir-identity library into the bridgehead. */
@Configuration
public class LocalPatientListConfig {

  @Bean
  public PseudonymRegistry pseudonymRegistry(DataSource dataSource) {
    PseudonymRegistry.migrate(dataSource);
    return new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
  }

  @Bean
  public ProjectPseudonyms projectPseudonyms(DataSource dataSource, PseudonymRegistry registry) {
    ProjectPseudonyms.migrate(dataSource);
    return new ProjectPseudonyms(dataSource, registry, Clock.systemUTC());
  }

  @Bean
  public LocalPatientList localPatientList(
      DataSource dataSource, LocalPatientListProperties properties, PseudonymRegistry registry)
      throws IOException {
    LocalPatientRepository.migrate(dataSource);
    byte[] key = SecretFiles.readOrCreate(properties.key(), properties.keyFile(), 64);
    return new LocalPatientList(
        new LocalPatientRepository(dataSource),
        new IdatCipher(Base64.getEncoder().encodeToString(Arrays.copyOfRange(key, 0, 32))),
        new BlockingKeys(Arrays.copyOfRange(key, 32, 64)),
        new EpiLinkMatcher(properties.matchThreshold(), properties.possibleMatchThreshold()),
        registry,
        properties.localDomain(),
        Clock.systemUTC());
  }
}
