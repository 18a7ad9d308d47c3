package org.ccpfhir.security.ca;

/**
 * A key store or certificate file could not be read or written. The message names the file and the
 * reason; it never carries key material or passwords.
 */
public class CredentialException extends RuntimeException {

  public CredentialException(String message) {
    super(message);
  }

  public CredentialException(String message, Throwable cause) {
    super(message, cause);
  }
}
