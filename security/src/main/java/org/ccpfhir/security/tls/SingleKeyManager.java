package org.ccpfhir.security.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.ccpfhir.security.ca.Credential;

/**
 * Presents the component's one certificate, both as server and as client. Unlike the JDK's key
 * manager it does not match the peer's list of accepted issuers: a component has exactly one
 * identity and always shows it.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "component";

  private final Credential credential;

  SingleKeyManager(Credential credential) {
    this.credential = credential;
  }

  private boolean fits(String keyType) {
    String algorithm = credential.privateKey().getAlgorithm();
    return keyType != null
        && (keyType.equalsIgnoreCase(algorithm)
            || (keyType.startsWith("RSA") && algorithm.equals("RSA"))
            || (keyType.startsWith("EC") && algorithm.equals("EC")));
  }

  private String aliasFor(String... keyTypes) {
    for (String keyType : keyTypes) {
      if (fits(keyType)) {
        return ALIAS;
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return fits(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return aliasFor(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return credential.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return credential.privateKey();
  }
}
