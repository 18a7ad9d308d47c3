package org.ccpfhir.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.function.Supplier;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network CA's revocation list from a file, re-read whenever the file changes, so a revoked
 * certificate is refused without restarting the component. No file means no revocations yet.
 */
public class CrlFileSource implements Supplier<X509CRL> {

  private static final Logger log = LoggerFactory.getLogger(CrlFileSource.class);

  private final Path file;
  private FileTime loadedVersion;
  private X509CRL current;

  public CrlFileSource(Path file) {
    this.file = file;
  }

  @Override
  public synchronized X509CRL get() {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(loadedVersion)) {
        try (InputStream in = Files.newInputStream(file)) {
          current = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        loadedVersion = modified;
        log.info("revocation list {} loaded ({} revoked)", file, revokedCount());
      }
    } catch (IOException | GeneralSecurityException e) {
      // keep the last good list: an unreadable update must not un-revoke anything
      log.warn("cannot read revocation list {}: {}", file, SafeLog.describe(e));
    }
    return current;
  }

  private int revokedCount() {
    return current.getRevokedCertificates() == null ? 0 : current.getRevokedCertificates().size();
  }
}
