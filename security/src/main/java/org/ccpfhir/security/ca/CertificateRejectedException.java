package org.ccpfhir.security.ca;

import java.security.cert.CertificateException;

/**
 * A certificate failed the network's checks. The message names the component (certificate subjects
 * hold component names), the serial and the reason; never key material.
 */
public class CertificateRejectedException extends CertificateException {

  /** Why a certificate was refused. */
  public enum Reason {
    UNKNOWN_ISSUER,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    BAD_SUBJECT,
    WRONG_USAGE,
    BAD_CRL
  }

  private final Reason reason;
  private final String subject;

  public CertificateRejectedException(Reason reason, String subject, String message) {
    super(message);
    this.reason = reason;
    this.subject = subject;
  }

  public Reason reason() {
    return reason;
  }

  /** The component name of the refused certificate, or {@code null} if it has none. */
  public String subject() {
    return subject;
  }
}
