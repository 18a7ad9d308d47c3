package org.ccpfhir.security.ca;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A certificate the CA has issued, as listed by {@code ccp-ca list}.
 *
 * @param serial serial number
 * @param cn subject CN (the component name)
 * @param notAfter end of validity
 * @param daysLeft whole days until expiry, negative once expired
 * @param status valid, expired or revoked
 */
public record IssuedCertificate(
    BigInteger serial, String cn, Instant notAfter, long daysLeft, Status status) {

  /** Where a certificate stands today. */
  public enum Status {
    VALID,
    EXPIRED,
    REVOKED
  }
}
