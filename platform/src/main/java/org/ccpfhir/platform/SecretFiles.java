package org.ccpfhir.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of a component (keys, HMAC secrets): given as base64 in configuration, or kept in a file.
 */
public final class SecretFiles {

  private SecretFiles() {}

  /**
   * The secret from {@code base64} when set, else from {@code file}, which is created with {@code
   * length} random bytes (owner-only) on first use.
   */
  public static byte[] readOrCreate(String base64, Path file, int length) {
    byte[] secret;
    if (base64 != null && !base64.isBlank()) {
      secret = Base64.getDecoder().decode(base64);
    } else if (file == null) {
      throw new IllegalStateException("neither a secret nor a secret file is configured");
    } else {
      secret = readOrCreate(file, length);
    }
    if (secret.length != length) {
      throw new IllegalStateException("the secret must hold " + length + " bytes");
    }
    return secret;
  }

  private static byte[] readOrCreate(Path file, int length) {
    try {
      if (Files.exists(file)) {
        return Files.readAllBytes(file);
      }
      byte[] secret = new byte[length];
      new SecureRandom().nextBytes(secret);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret file " + file, e);
    }
  }
}
