package org.ccpfhir.security.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.security.auth.AuthProperties;
import org.ccpfhir.security.tls.TlsProperties;

/**
 * What a component cannot run without once the demo profile is off: someone who issues tokens to
 * its users, and its own certificate from the network CA. The jars ship no users, passwords or CA
 * (those live in {@code application-demo.yml}), so a site that forgets to configure them must learn
 * it at start-up rather than run with an app that nobody can log in to or that has no key.
 */
public final class RequiredSettings {

  private RequiredSettings() {}

  /**
   * The settings still missing, one line each: the property and what it is for. Empty when the
   * component can start.
   */
  public static List<String> missing(AuthProperties auth, TlsProperties tls) {
    List<String> missing = new ArrayList<>();
    if (!auth.externalIssuer()) {
      if (!auth.localIssuer().enabled()) {
        missing.add(
            "ccp.auth.issuer-uri: the OpenID Connect provider that issues the users' and"
                + " applications' tokens (or ccp.auth.local-issuer.enabled=true with"
                + " ccp.auth.local-issuer.users/clients)");
      } else if (auth.localIssuer().users().isEmpty() && auth.localIssuer().clients().isEmpty()) {
        missing.add(
            "ccp.auth.local-issuer.users or ccp.auth.local-issuer.clients: the local issuer is"
                + " on but knows nobody (or set ccp.auth.issuer-uri instead)");
      }
    }
    if (tls.enabled()) {
      missing.addAll(missingTls(tls));
    }
    return missing;
  }

  private static List<String> missingTls(TlsProperties tls) {
    List<String> missing = new ArrayList<>();
    Path keyStore = tls.keyStore();
    if (keyStore == null) {
      missing.add(
          "ccp.tls.key-store: PKCS#12 file with this component's key and certificate"
              + " (ccp-ca issue)");
    }
    if (tls.provision().enabled()) {
      // the demo CA creates the key store and supplies CA certificate and revocation list
      if (tls.provision().caDir() == null) {
        missing.add("ccp.tls.provision.ca-dir: directory of the demo network CA");
      }
      return missing;
    }
    if (keyStore != null && !Files.isRegularFile(keyStore)) {
      missing.add("ccp.tls.key-store: there is no file " + keyStore);
    }
    if (keyStore != null && tls.keyStorePassword().isEmpty()) {
      Path passwordFile =
          tls.keyStorePasswordFile() != null
              ? tls.keyStorePasswordFile()
              : keyStore.resolveSibling(keyStore.getFileName() + ".password");
      if (!Files.isRegularFile(passwordFile)) {
        missing.add(
            "ccp.tls.key-store-password-file: the key store's password (there is no file "
                + passwordFile
                + ")");
      }
    }
    if (tls.caCertificate() == null) {
      missing.add("ccp.tls.ca-certificate: PEM file of the network CA certificate (ca.pem)");
    } else if (!Files.isRegularFile(tls.caCertificate())) {
      missing.add("ccp.tls.ca-certificate: there is no file " + tls.caCertificate());
    }
    return missing;
  }
}
