package org.ccpfhir.security.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA's revocations ({@code revoked.txt}: hex serial, RFC 5280 reason code and epoch second per
 * line) and the signed CRL built from them ({@code crl.pem}), which components re-read when it
 * changes. Both files are replaced atomically so a reader never sees half a list.
 */
final class RevocationList {

  /** One revocation. */
  record Entry(BigInteger serial, int reason, Instant revokedAt) {}

  private final Path revokedFile;
  private final Path crlFile;

  RevocationList(Path dir) {
    this.revokedFile = dir.resolve("revoked.txt");
    this.crlFile = dir.resolve("crl.pem");
  }

  Path crlFile() {
    return crlFile;
  }

  Map<BigInteger, Entry> entries() {
    Map<BigInteger, Entry> entries = new LinkedHashMap<>();
    if (!Files.exists(revokedFile)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(revokedFile, StandardCharsets.US_ASCII)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 3) {
          BigInteger serial = new BigInteger(parts[0], 16);
          entries.put(
              serial,
              new Entry(
                  serial,
                  Integer.parseInt(parts[1]),
                  Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new CredentialException("cannot read " + revokedFile + ": " + e.getMessage(), e);
    }
    return entries;
  }

  /** Records a revocation; revoking twice keeps the first entry. */
  void add(BigInteger serial, int reason, Instant when) {
    Map<BigInteger, Entry> entries = entries();
    if (entries.containsKey(serial)) {
      return;
    }
    entries.put(serial, new Entry(serial, reason, when));
    StringBuilder text = new StringBuilder();
    for (Entry entry : entries.values()) {
      text.append(entry.serial().toString(16))
          .append(' ')
          .append(entry.reason())
          .append(' ')
          .append(entry.revokedAt().getEpochSecond())
          .append('\n');
    }
    try {
      Path temp = Files.createTempFile(revokedFile.toAbsolutePath().getParent(), ".rev", ".tmp");
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      Files.move(
          temp, revokedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CredentialException("cannot write " + revokedFile + ": " + e.getMessage(), e);
    }
  }

  /** Signs a fresh CRL with all revocations and writes it to {@code crl.pem}. */
  X509CRL publish(X509Certificate ca, PrivateKey caKey, Duration nextUpdate) {
    Instant now = Instant.now();
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
    for (Entry entry : entries().values()) {
      builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
    }
    try {
      // milliseconds keep the CRL number increasing across re-signs without stored state
      builder.addExtension(
          Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      X509CRL crl =
          new JcaX509CRLConverter()
              .getCRL(
                  builder.build(
                      new JcaContentSignerBuilder(CertificateIssuer.SIGNATURE).build(caKey)));
      Pem.write(crlFile, crl);
      return crl;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new CredentialException("cannot sign the revocation list: " + e.getMessage(), e);
    }
  }
}
