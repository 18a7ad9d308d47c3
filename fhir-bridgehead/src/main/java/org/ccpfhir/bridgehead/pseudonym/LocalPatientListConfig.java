package org.ccpfhir.bridgehead.pseudonym;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.sql.DataSource;
import org.ccpfhir.identity.local.BlockingKeys;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.IdatCipher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.local.LocalPatientRepository;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the local patient list of the fhir-identity library into the bridgehead. */
@Configuration
public class LocalPatientListConfig {

  @Bean
  public LocalPatientList localPatientList(
      DataSource dataSource, LocalPatientListProperties properties) throws IOException {
    LocalPatientRepository.migrate(dataSource);
    PseudonymRegistry.migrate(dataSource);
    byte[] key =
        properties.key().isBlank()
            ? readOrCreateKey(properties.keyFile())
            : Base64.getDecoder().decode(properties.key());
    if (key.length != 64) {
      throw new IllegalStateException("ccp.local-patient-list.key must be 64 bytes (base64)");
    }
    return new LocalPatientList(
        new LocalPatientRepository(dataSource),
        new IdatCipher(Base64.getEncoder().encodeToString(Arrays.copyOfRange(key, 0, 32))),
        new BlockingKeys(Arrays.copyOfRange(key, 32, 64)),
        new EpiLinkMatcher(properties.matchThreshold(), properties.possibleMatchThreshold()),
        new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC()),
        properties.localDomain(),
        Clock.systemUTC());
  }

  private static byte[] readOrCreateKey(Path file) throws IOException {
    if (Files.exists(file)) {
      byte[] key = Files.readAllBytes(file);
      if (key.length != 64) {
        throw new IllegalStateException("key file " + file + " must hold 64 bytes");
      }
      return key;
    }
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    return key;
  }
}
