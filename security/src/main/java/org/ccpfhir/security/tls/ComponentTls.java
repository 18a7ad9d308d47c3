package org.ccpfhir.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;

/**
 * This component's place in the network PKI: its credential, the network CA it trusts, the
 * revocation list, and the TLS contexts built from them for serving and for calling other
 * components.
 */
public final class ComponentTls {

  private final Credential credential;
  private final X509Certificate caCertificate;
  private final CertificateVerifier verifier;
  private final Path keyStore;

  ComponentTls(Credential credential, X509Certificate caCertificate, Path crlFile, Path keyStore) {
    this.credential = credential;
    this.caCertificate = caCertificate;
    this.verifier =
        new CertificateVerifier(caCertificate, new CrlFileSource(crlFile), Clock.systemUTC());
    this.keyStore = keyStore;
  }

  /** Loads (and, for the demo, first provisions) what the properties point at. */
  public static ComponentTls load(TlsProperties properties) {
    Path keyStore = required(properties.keyStore(), "ccp.tls.key-store");
    Path passwordFile =
        properties.keyStorePasswordFile() != null
            ? properties.keyStorePasswordFile()
            : keyStore.resolveSibling(keyStore.getFileName() + ".password");
    DemoPkiProvisioner.provisionIfMissing(properties, keyStore, passwordFile);
    Path caDir = properties.provision().enabled() ? properties.provision().caDir() : null;
    Path caFile =
        properties.caCertificate() != null
            ? properties.caCertificate()
            : caDir == null ? null : caDir.resolve("ca.pem");
    Path crlFile =
        properties.crlFile() != null
            ? properties.crlFile()
            : caDir == null ? null : caDir.resolve("crl.pem");
    char[] password = password(properties, passwordFile);
    Credential credential = Credential.readPkcs12(keyStore, password);
    X509Certificate ca = readCertificate(required(caFile, "ccp.tls.ca-certificate"));
    return new ComponentTls(credential, ca, crlFile, keyStore);
  }

  public ComponentName self() {
    return ComponentName.fromCertificate(credential.certificate());
  }

  public Credential credential() {
    return credential;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  public CertificateVerifier verifier() {
    return verifier;
  }

  public Path keyStore() {
    return keyStore;
  }

  /** Server context: our certificate; client certificates checked and refusals audited. */
  SSLContext serverContext(Consumer<AuditEntry> audit) {
    return context(new ClientCertificateTrustManager(verifier, caCertificate, audit));
  }

  /** Client context for calls to other components (mutual TLS). */
  public SSLContext clientContext() {
    return context(new ServerCertificateTrustManager(verifier, caCertificate));
  }

  /** An HTTP client that presents this component's certificate and trusts the network CA. */
  public HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .sslContext(clientContext())
        .connectTimeout(connectTimeout)
        .build();
  }

  private SSLContext context(TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new SingleKeyManager(credential)},
          new TrustManager[] {trustManager},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static char[] password(TlsProperties properties, Path passwordFile) {
    if (!properties.keyStorePassword().isEmpty()) {
      return properties.keyStorePassword().toCharArray();
    }
    try {
      return DemoPkiProvisioner.readPassword(passwordFile);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the key store password from "
              + passwordFile
              + " (set ccp.tls.key-store-password-file or ccp.tls.key-store-password)",
          e);
    }
  }

  static X509Certificate readCertificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path required(Path path, String property) {
    if (path == null) {
      throw new IllegalStateException(property + " must be set when ccp.tls.enabled is true");
    }
    return path;
  }
}
