package org.ccpfhir.security.ca;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password files: the first line of a text file, as the components read them too. Generated
 * passwords are 192 random bits, written to a new file readable by its owner only.
 */
public final class PasswordFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordFiles() {}

  public static char[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("password file " + file + " does not exist");
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    int newline = content.indexOf('\n');
    char[] password = (newline < 0 ? content : content.substring(0, newline)).strip().toCharArray();
    if (password.length == 0) {
      throw new IOException("password file " + file + " is empty");
    }
    return password;
  }

  public static char[] readFirstLine(InputStream in) throws IOException {
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isBlank()) {
      throw new IOException("no password on standard input");
    }
    return line.strip().toCharArray();
  }

  /** The password in {@code file}, or a new random one written to it if it does not exist. */
  public static char[] readOrGenerate(Path file) throws IOException {
    return Files.exists(file) ? read(file) : generate(file);
  }

  public static char[] generate(Path file) throws IOException {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try {
      createOwnerOnly(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("password file " + file + " already exists; not overwriting it");
    }
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return password.toCharArray();
  }

  /** Creates the file with owner-only permissions from the start, so it is never readable. */
  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }
}
