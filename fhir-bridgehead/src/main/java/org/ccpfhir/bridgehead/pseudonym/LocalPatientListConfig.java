package org.ccpfhir.bridgehead.pseudonym;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.sql.DataSource;
import org.ccpfhir.identity.local.BlockingKeys;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.IdatCipher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.local.LocalPatientRepository;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.platform.SecretFiles;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the local patient list of the identity-core library into the bridgehead. */
@Configuration
public class LocalPatientListConfig {

  // the list's tables go wherever LocalPatientListDatabase points (its own database or the app's)
  @Bean
  public static OwnSchema localPseudonymSchema() {
    return PseudonymRegistry.SCHEMA.in(LocalPatientListDatabase.NAME);
  }

  @Bean
  public static OwnSchema localProjectPseudonymSchema() {
    return ProjectPseudonyms.SCHEMA.in(LocalPatientListDatabase.NAME);
  }

  @Bean
  public static OwnSchema localPatientSchema() {
    return LocalPatientRepository.SCHEMA.in(LocalPatientListDatabase.NAME);
  }

  @Bean(destroyMethod = "close")
  public LocalPatientListDatabase localPatientListDatabase(
      DataSource dataSource, LocalPatientListProperties properties) {
    return new LocalPatientListDatabase(dataSource, properties.datasource());
  }

  @Bean
  public PseudonymRegistry pseudonymRegistry(LocalPatientListDatabase database) {
    return new PseudonymRegistry(
        database.dataSource(), new PseudonymGenerator()::next, Clock.systemUTC());
  }

  @Bean
  public ProjectPseudonyms projectPseudonyms(
      LocalPatientListDatabase database, PseudonymRegistry registry) {
    return new ProjectPseudonyms(database.dataSource(), registry, Clock.systemUTC());
  }

  @Bean
  public LocalPatientList localPatientList(
      LocalPatientListDatabase database,
      LocalPatientListProperties properties,
      PseudonymRegistry registry)
      throws IOException {
    DataSource dataSource = database.dataSource();
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
