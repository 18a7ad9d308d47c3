package org.ccpfhir.security.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A private key with its certificate chain (leaf first), as kept in a password-protected PKCS#12
 * file.
 *
 * @param privateKey the key of the leaf certificate
 * @param chain leaf certificate first, then its issuers
 */
public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

  public Credential {
    if (privateKey == null || chain == null || chain.isEmpty()) {
      throw new IllegalArgumentException("a credential needs a key and at least one certificate");
    }
    chain = List.copyOf(chain);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Reads the first key entry of a PKCS#12 file. */
  public static Credential readPkcs12(Path file, char[] password) {
    if (!Files.isRegularFile(file)) {
      throw new CredentialException("key store " + file + " does not exist");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, password);
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return new Credential((PrivateKey) key, chain);
        }
      }
      throw new CredentialException("key store " + file + " holds no private key");
    } catch (IOException e) {
      // PKCS#12 reports a wrong password as an IOException caused by an UnrecoverableKeyException
      throw new CredentialException(
          "cannot read key store " + file + " (wrong password or damaged file)", e);
    } catch (GeneralSecurityException e) {
      throw new CredentialException("cannot read key store " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes this credential as PKCS#12 (alias = certificate CN), atomically, owner-only. */
  public void writePkcs12(Path file, char[] password) {
    try {
      KeyStore store = toKeyStore(password);
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".ks", ".tmp");
      restrictToOwner(temp);
      try (OutputStream out = Files.newOutputStream(temp)) {
        store.store(out, password);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | GeneralSecurityException e) {
      throw new CredentialException("cannot write key store " + file + ": " + e.getMessage(), e);
    }
  }

  /** An in-memory PKCS#12 key store holding this credential. */
  public KeyStore toKeyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias(), privateKey, password, chain.toArray(new X509Certificate[0]));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new CredentialException("cannot build key store: " + e.getMessage(), e);
    }
  }

  private String alias() {
    try {
      return ComponentName.commonName(certificate().getSubjectX500Principal());
    } catch (IllegalArgumentException e) {
      return "key";
    }
  }

  static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system; the directory's protection applies
    }
  }
}
