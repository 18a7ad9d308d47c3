package org.ccpfhir.security.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * The CA's revocations ({@code revoked.txt}: serial, reason, time per line) and the signed CRL
 * built from them ({@code crl.pem}), which components re-read when it changes.
 */
final class RevocationList {

  private final Path revokedFile;
  private final Path crlFile;

  RevocationList(Path dir) {
    this.revokedFile = dir.resolve("revoked.txt");
    this.crlFile = dir.resolve("crl.pem");
  }

  Path crlFile() {
    return crlFile;
  }

  Map<BigInteger, Instant> revoked() {
    Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
    if (!Files.exists(revokedFile)) {
      return revoked;
    }
    try {
      for (String line : Files.readAllLines(revokedFile, StandardCharsets.US_ASCII)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 3) {
          revoked.put(
              new BigInteger(parts[0], 16), Instant.ofEpochSecond(Long.parseLong(parts[2])));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new CredentialException("cannot read " + revokedFile + ": " + e.getMessage(), e);
    }
    return revoked;
  }

  Map<BigInteger, Integer> reasons() {
    Map<BigInteger, Integer> reasons = new LinkedHashMap<>();
    try {
      if (Files.exists(revokedFile)) {
        for (String line : Files.readAllLines(revokedFile, StandardCharsets.US_ASCII)) {
          String[] parts = line.trim().split("\\s+");
          if (parts.length == 3) {
            reasons.put(new BigInteger(parts[0], 16), Integer.parseInt(parts[1]));
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new CredentialException("cannot read " + revokedFile + ": " + e.getMessage(), e);
    }
    return reasons;
  }

  void add(BigInteger serial, int reason, Instant when) {
    if (revoked().containsKey(serial)) {
      return;
    }
    try {
      Files.writeString(
          revokedFile,
          serial.toString(16) + " " + reason + " " + when.getEpochSecond() + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CredentialException("cannot write " + revokedFile + ": " + e.getMessage(), e);
    }
  }

  /** Signs a fresh CRL with all revocations and writes it to {@code crl.pem}. */
  X509CRL publish(X509Certificate ca, PrivateKey caKey, Duration nextUpdate) {
    Instant now = Instant.now();
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
    Map<BigInteger, Integer> reasons = reasons();
    revoked()
        .forEach(
            (serial, when) -> builder.addCRLEntry(serial, Date.from(when), reasons.get(serial)));
    try {
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
