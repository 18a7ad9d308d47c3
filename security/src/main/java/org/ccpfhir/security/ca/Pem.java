package org.ccpfhir.security.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PEM files of certificates, revocation lists and requests (public material only, never keys),
 * written atomically and readable by all.
 */
public final class Pem {

  private Pem() {}

  public static String encode(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new CredentialException("cannot encode PEM: " + e.getMessage(), e);
    }
    return text.toString();
  }

  public static void write(Path file, Object object) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".pem", ".tmp");
      Files.writeString(temp, encode(object), StandardCharsets.US_ASCII);
      makeWorldReadable(temp);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CredentialException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Certificates and CRLs are public; other users (e.g. component service accounts) read them. */
  private static void makeWorldReadable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: default permissions apply
    }
  }

  public static X509Certificate readCertificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new CredentialException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  public static X509CRL readCrl(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new CredentialException(
          "cannot read revocation list " + file + ": " + e.getMessage(), e);
    }
  }

  public static PKCS10CertificationRequest readRequest(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (object instanceof PKCS10CertificationRequest request) {
        return request;
      }
      throw new CredentialException(file + " holds no PKCS#10 certificate request");
    } catch (IOException e) {
      throw new CredentialException("cannot read request " + file + ": " + e.getMessage(), e);
    }
  }
}
