package org.ccpfhir.security.cms;

/**
 * An envelope could not be sealed or was refused on opening. The message says why in plain words;
 * it never contains payload content or key material.
 */
public class EnvelopeException extends RuntimeException {

  /** Why an envelope was refused. */
  public enum Reason {
    /** Not a well-formed authenticated CMS envelope with the algorithms the network uses. */
    MALFORMED,
    /** The envelope holds no key for this recipient (or this study key). */
    WRONG_RECIPIENT,
    /** Decryption or the GCM integrity check failed: the bytes were changed. */
    TAMPERED,
    /** The content is not signed by its sender. */
    UNSIGNED,
    /** The sender's signature does not match the content. */
    BAD_SIGNATURE,
    /** The sender's certificate is not accepted by the network CA checks. */
    SENDER_REJECTED,
    /** The envelope could not be produced (e.g. the recipient certificate has no RSA key). */
    CANNOT_SEAL
  }

  private final Reason reason;

  public EnvelopeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public EnvelopeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
