package org.ccpfhir.security.tls;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, on first start of the demo network, the network CA and this component's key store.
 * Components of one machine share the CA directory and may start at the same time, so creation
 * happens under a file lock — and under a lock of this JVM too: a file lock is held by the whole
 * JVM, so a second thread asking for it (several apps started in parallel in one JVM, the demo's
 * {@code SitesLauncher}) got an {@code OverlappingFileLockException} instead of waiting.
 */
final class DemoPkiProvisioner {

  private static final Logger log = LoggerFactory.getLogger(DemoPkiProvisioner.class);
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** Serializes the apps of one JVM before they compete for the file lock with other JVMs. */
  private static final Object JVM_LOCK = new Object();

  private DemoPkiProvisioner() {}

  static void provisionIfMissing(TlsProperties properties, Path keyStore, Path passwordFile) {
    TlsProperties.Provision provision = properties.provision();
    if (!provision.enabled() || Files.exists(keyStore)) {
      return;
    }
    if (provision.caDir() == null || provision.name().isBlank()) {
      throw new IllegalStateException(
          "ccp.tls.provision needs ca-dir and name (e.g. bridgehead.HD) to create " + keyStore);
    }
    ComponentName name = ComponentName.parse(provision.name());
    Path caDir = provision.caDir();
    synchronized (JVM_LOCK) {
      provisionLocked(provision, name, caDir, keyStore, passwordFile);
    }
  }

  private static void provisionLocked(
      TlsProperties.Provision provision,
      ComponentName name,
      Path caDir,
      Path keyStore,
      Path passwordFile) {
    try {
      Files.createDirectories(caDir);
      try (FileChannel channel =
              FileChannel.open(
                  caDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        char[] caPassword = readOrCreatePassword(caDir.resolve("ca.password"));
        NetworkCa ca =
            NetworkCa.exists(caDir)
                ? NetworkCa.open(caDir, caPassword)
                : createCa(caDir, caPassword);
        Credential credential = ca.issue(name, provision.dnsNames(), provision.validity());
        credential.writePkcs12(keyStore, readOrCreatePassword(passwordFile));
        log.info("issued certificate {} into {}", name, keyStore);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot provision TLS in " + caDir + ": " + e.getMessage(), e);
    }
  }

  private static NetworkCa createCa(Path caDir, char[] password) {
    log.info("creating the demo network CA in {}", caDir);
    return NetworkCa.create(caDir, password, "ccp-fhir demo network CA", CA_VALIDITY);
  }

  static char[] readOrCreatePassword(Path file) throws IOException {
    return PasswordFiles.readOrGenerate(file);
  }

  static char[] readPassword(Path file) throws IOException {
    return PasswordFiles.read(file);
  }
}
