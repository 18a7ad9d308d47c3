package org.ccpfhir.bridgehead.searchagent;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.mdssearch.MdsSearchApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real broker (the fhir-mds-search application) for the bridgehead's integration tests: its own
 * Spring application in this JVM on a fixed loopback port, HTTPS with a certificate of the tests'
 * network CA, H2 on disk, so it can be stopped and started again on the same database and port (a
 * broker restart as the sites see it). None of the bridgehead's configuration files apply to it:
 * every property is given here.
 */
public final class BrokerNetwork {

  private static BrokerNetwork shared;

  private final Path data;
  private final int port;
  private ConfigurableApplicationContext broker;

  private BrokerNetwork() {
    IdentityNetwork.shared(); // creates the network CA the broker's certificate comes from
    try {
      data = Files.createTempDirectory("broker-e2e");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    start();
  }

  public static synchronized BrokerNetwork shared() {
    if (shared == null) {
      shared = new BrokerNetwork();
    }
    return shared;
  }

  public String url() {
    return "https://localhost:" + port + "/fhir";
  }

  public ConfigurableApplicationContext context() {
    return broker;
  }

  public synchronized void start() {
    Path pki = IdentityNetwork.PKI;
    broker =
        new SpringApplicationBuilder(MdsSearchApplication.class)
            .run(
                "--server.port=" + port,
                "--spring.config.location=optional:file:" + data.resolve("no-config") + "/",
                "--spring.application.name=broker",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:file:"
                    + data.toAbsolutePath().resolve("broker")
                    + ";DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY",
                "--spring.datasource.username=sa",
                "--spring.flyway.enabled=false",
                "--ccp.tls.enabled=true",
                "--ccp.tls.key-store=" + pki.resolve("broker.p12"),
                "--ccp.tls.provision.enabled=true",
                "--ccp.tls.provision.ca-dir=" + pki.resolve("network-ca"),
                "--ccp.tls.provision.name=mds-search",
                "--ccp.tls.provision.dns-names=localhost",
                "--ccp.auth.local-issuer.enabled=true",
                "--ccp.auth.local-issuer.issuer=urn:ccp-fhir:broker-it",
                "--ccp.auth.local-issuer.users[0].username=researcher",
                "--ccp.auth.local-issuer.users[0].password-hash="
                    + "{bcrypt}$2a$10$gMReWYySAgmu9jCFDyYJVeg2hilyfIeO3cIf8ljZg95jsioU4Goom",
                "--ccp.auth.local-issuer.users[0].roles=researcher",
                "--ccp.audit.observer=broker",
                "--ccp.audit.flush-interval=50ms",
                "--ccp.broker.sites=HD,TUE",
                "--ccp.broker.expiry-interval=PT1S",
                EXCLUDED);
  }

  public synchronized void stop() {
    broker.close();
  }

  /** The bridgehead's class path brings JPA; the broker keeps plain tables. */
  private static final String EXCLUDED =
      "--spring.autoconfigure.exclude="
          + String.join(
              ",",
              List.of(
                  "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                  "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
                  "org.springframework.boot.autoconfigure.elasticsearch"
                      + ".ElasticsearchRestClientAutoConfiguration",
                  "org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration"));
}
