package org.ccpfhir.security.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.ca.CertificateRejectedException;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;

/**
 * Server side of mutual TLS: accepts client certificates of the network CA only (valid, not
 * revoked, named as a component) and records every refused handshake in the audit trail. A refused
 * certificate ends the handshake, so the request never reaches the application.
 */
final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

  private final CertificateVerifier verifier;
  private final X509Certificate caCertificate;
  private final Consumer<AuditEntry> audit;

  ClientCertificateTrustManager(
      CertificateVerifier verifier, X509Certificate caCertificate, Consumer<AuditEntry> audit) {
    this.verifier = verifier;
    this.caCertificate = caCertificate;
    this.audit = audit;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, socket == null ? null : socket.getInetAddress().getHostAddress());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, engine == null ? null : engine.getPeerHost());
  }

  private void check(X509Certificate[] chain, String address) throws CertificateException {
    try {
      verifier.verify(chain);
    } catch (CertificateRejectedException e) {
      audit.accept(refusal(chain, address, e.reason().name()));
      throw e;
    } catch (CertificateException | RuntimeException e) {
      audit.accept(refusal(chain, address, "UNVERIFIABLE"));
      throw e instanceof CertificateException ce ? ce : new CertificateException(e.getMessage());
    }
  }

  /**
   * The refused certificate is named only when its subject is a component name; any other subject
   * (which could be a person's name) is identified by its fingerprint.
   */
  static AuditEntry refusal(X509Certificate[] chain, String address, String reason) {
    String name = componentName(chain).orElse("unrecognised");
    String detail =
        "client certificate refused in TLS handshake: "
            + reason
            + " (certificate "
            + name
            + ", sha256 "
            + fingerprint(chain)
            + ")";
    AuditAgent agent = new AuditAgent(AuditAgent.Kind.COMPONENT, name, null, List.of(), address);
    return new AuditEntry(
        Instant.now(), agent, null, "tls", "handshake", "E", null, null, null, 0, "8", detail);
  }

  private static java.util.Optional<String> componentName(X509Certificate[] chain) {
    try {
      return java.util.Optional.of(ComponentName.fromCertificate(chain[0]).cn());
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String fingerprint(X509Certificate[] chain) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException | CertificateEncodingException | RuntimeException e) {
      return "unknown";
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {caCertificate};
  }
}
