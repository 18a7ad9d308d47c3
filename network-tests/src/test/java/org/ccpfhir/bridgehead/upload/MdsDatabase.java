package org.ccpfhir.bridgehead.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.mdssearch.MdsSearchApplication;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.cms.Envelopes;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The central MDS database (fhir-mds-search) for the bridgehead's integration tests: its own Spring
 * Boot application on a loopback port, in-memory H2, mutual TLS with the {@code mds-search}
 * certificate of the tests' network CA (the one the central list re-encrypts for). Started once per
 * test JVM, with the identity network.
 */
public final class MdsDatabase {

  private static ConfigurableApplicationContext shared;

  private MdsDatabase() {}

  public static synchronized ConfigurableApplicationContext shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Where the bridgehead uploads to (its other upload settings are PostgresIT's). */
  public static void properties(DynamicPropertyRegistry registry) {
    registry.add("ccp.upload.mds-url", () -> IdentityNetwork.url(shared()));
    registry.add("ccp.upload.mds-certificate", () -> IdentityNetwork.PKI.resolve("mds-search.pem"));
  }

  /**
   * The MDS*G-ID the MDS database keeps a person under: the central list re-encrypts the site's
   * BK-G-ID for the MDS database (asked with the site's certificate), the tests open it with the
   * MDS database's key.
   */
  public static String mdsId(SiteClient site, String bkGlobal, CertificateVerifier verifier) {
    IdentityNetwork network = IdentityNetwork.shared();
    byte[] sealed = NetworkPeer.reencrypt(site, network, bkGlobal);
    return new String(
        Envelopes.open(sealed, network.mdsSearch, verifier).payload(), StandardCharsets.US_ASCII);
  }

  private static ConfigurableApplicationContext start() {
    IdentityNetwork network = IdentityNetwork.shared();
    Path keyStore = IdentityNetwork.PKI.resolve("mds-search.p12");
    try {
      // the key the central list encrypts MDS*G-IDs for (issued anew in every test JVM)
      Files.deleteIfExists(keyStore);
      network.mdsSearch.writePkcs12(
          keyStore,
          PasswordFiles.readOrGenerate(IdentityNetwork.PKI.resolve("mds-search.p12.password")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new SpringApplicationBuilder(MdsSearchApplication.class)
        .properties("spring.config.name=mds-database-it")
        .run(
            "--spring.datasource.url=jdbc:h2:mem:mds-database-it;DB_CLOSE_DELAY=-1",
            "--ccp.tls.key-store=" + keyStore,
            "--ccp.tls.key-store-password-file="
                + IdentityNetwork.PKI.resolve("mds-search.p12.password"),
            "--ccp.tls.provision.ca-dir=" + IdentityNetwork.PKI.resolve("network-ca"),
            // the same app holds the broker, which needs the network's sites
            "--ccp.broker.sites=HD,TUE,DD");
  }
}
