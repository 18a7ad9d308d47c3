package org.ccpfhir.mdssearch.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;

/**
 * The broker tests' network CA (created once under {@code target/broker-it-pki}) and the
 * certificates of two sites' bridgeheads the tests act as.
 */
final class BrokerPki {

  static final Path DIR = Path.of("target/broker-it-pki");
  private static BrokerPki shared;

  final NetworkCa ca;
  final Credential siteHd;
  final Credential siteTue;

  private BrokerPki() {
    try {
      Path caDir = DIR.resolve("network-ca");
      Files.createDirectories(caDir);
      char[] password = PasswordFiles.readOrGenerate(caDir.resolve("ca.password"));
      ca =
          NetworkCa.exists(caDir)
              ? NetworkCa.open(caDir, password)
              : NetworkCa.create(caDir, password, "broker IT network CA", Duration.ofDays(3650));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    siteHd =
        ca.issue(ComponentName.of("bridgehead", "HD"), List.of("localhost"), Duration.ofDays(1));
    siteTue =
        ca.issue(ComponentName.of("bridgehead", "TUE"), List.of("localhost"), Duration.ofDays(1));
  }

  static synchronized BrokerPki shared() {
    if (shared == null) {
      shared = new BrokerPki();
    }
    return shared;
  }

  /** Spring properties: HTTPS with a provisioned broker certificate of this CA. */
  static String[] tlsProperties() {
    shared();
    return new String[] {
      "ccp.tls.enabled=true",
      "ccp.tls.key-store=" + DIR.resolve("mds-search.p12"),
      "ccp.tls.provision.enabled=true",
      "ccp.tls.provision.ca-dir=" + DIR.resolve("network-ca"),
      "ccp.tls.provision.name=mds-search",
      "ccp.tls.provision.dns-names=localhost"
    };
  }
}
