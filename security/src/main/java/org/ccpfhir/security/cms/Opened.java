package org.ccpfhir.security.cms;

import java.security.cert.X509Certificate;
import org.ccpfhir.security.ca.ComponentName;

/**
 * The content of an opened envelope and who sent it (taken from the verified signer certificate).
 *
 * @param payload the decrypted, signature-checked content
 * @param sender component name of the signer
 * @param senderCertificate the signer's certificate, verified against the network CA
 */
public record Opened(byte[] payload, ComponentName sender, X509Certificate senderCertificate) {

  /** Names the sender and size only: payloads may hold patient data. */
  @Override
  public String toString() {
    return "Opened[sender=" + sender + ", " + payload.length + " bytes]";
  }
}
