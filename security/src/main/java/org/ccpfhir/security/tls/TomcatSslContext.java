package org.ccpfhir.security.tls;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * Hands Tomcat a ready JSSE context, so the connector uses our key and trust managers (and their
 * audit of refused client certificates) instead of building its own from key store files.
 */
final class TomcatSslContext implements org.apache.tomcat.util.net.SSLContext {

  private final SSLContext context;
  private final X509Certificate[] chain;
  private final X509Certificate[] acceptedIssuers;

  TomcatSslContext(SSLContext context, X509Certificate[] chain, X509Certificate caCertificate) {
    this.context = context;
    this.chain = chain.clone();
    this.acceptedIssuers = new X509Certificate[] {caCertificate};
  }

  @Override
  public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
    // initialised by ComponentTls
  }

  @Override
  public void destroy() {
    // nothing held beyond the JSSE context
  }

  @Override
  public SSLSessionContext getServerSessionContext() {
    return context.getServerSessionContext();
  }

  @Override
  public SSLEngine createSSLEngine() {
    return context.createSSLEngine();
  }

  @Override
  public SSLServerSocketFactory getServerSocketFactory() {
    return context.getServerSocketFactory();
  }

  @Override
  public SSLParameters getSupportedSSLParameters() {
    return context.getSupportedSSLParameters();
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return chain.clone();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return acceptedIssuers.clone();
  }
}
