package org.ccpfhir.security.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import org.ccpfhir.security.ca.CertificateVerifier;

/**
 * Client side of mutual TLS: the called component must hold a valid, unrevoked certificate of the
 * network CA. A plain {@link X509TrustManager} on purpose: the JDK wraps it and adds the host-name
 * check of the HTTPS client.
 */
final class ServerCertificateTrustManager implements X509TrustManager {

  private final CertificateVerifier verifier;
  private final X509Certificate caCertificate;

  ServerCertificateTrustManager(CertificateVerifier verifier, X509Certificate caCertificate) {
    this.verifier = verifier;
    this.caCertificate = caCertificate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {caCertificate};
  }
}
