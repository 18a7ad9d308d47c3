package org.ccpfhir.security.tls;

import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.ccpfhir.security.audit.AuditEntry;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Turns the HTTP connector into HTTPS with the component certificate. Client certificates are
 * requested but optional: browsers and applications authenticate by token, components by their
 * certificate, which the trust manager verifies during the handshake.
 */
class TomcatTlsCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final ComponentTls tls;
  private final Consumer<AuditEntry> audit;

  TomcatTlsCustomizer(ComponentTls tls, Consumer<AuditEntry> audit) {
    this.tls = tls;
    this.audit = audit;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(this::secure);
  }

  private void secure(Connector connector) {
    if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
      throw new IllegalStateException("TLS needs an HTTP/1.1 connector");
    }
    connector.setScheme("https");
    connector.setSecure(true);
    protocol.setSSLEnabled(true);
    SSLHostConfig host = new SSLHostConfig();
    host.setHostName(protocol.getDefaultSSLHostConfigName());
    host.setCertificateVerification("optional");
    host.setProtocols("TLSv1.2,TLSv1.3");
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setSslContext(
        new TomcatSslContext(
            tls.serverContext(audit),
            tls.credential().chain().toArray(new X509Certificate[0]),
            tls.caCertificate()));
    host.addCertificate(certificate);
    protocol.addSslHostConfig(host);
  }
}
