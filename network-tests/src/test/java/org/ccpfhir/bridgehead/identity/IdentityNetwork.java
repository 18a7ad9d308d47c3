package org.ccpfhir.bridgehead.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ccpfhir.identity.IdentityApplication;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.ca.Pem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The network's identity management for the bridgehead's integration tests: the central patient
 * list and the control-number generator, each its own Spring Boot application on its own loopback
 * port and in-memory database, with certificates from the tests' network CA. Started once per test
 * JVM, before the bridgehead's context (which is given their URLs).
 */
public final class IdentityNetwork {

  /** The tests' network CA, shared with the bridgehead (application-itpg.yml). */
  public static final Path PKI = Path.of("target/it-pki");

  private static IdentityNetwork shared;

  public final ConfigurableApplicationContext centralList;
  public final ConfigurableApplicationContext generator;

  /** The MDS database's key: the re-encryption target whose envelopes the tests open. */
  public final Credential mdsSearch;

  /** A second site's bridgehead certificate: the tests act as site TUE with it. */
  public final Credential siteTue;

  /** A third site's bridgehead certificate (DD): a site that holds none of the tests' people. */
  public final Credential siteDd;

  private IdentityNetwork() {
    NetworkCa ca = openOrCreateCa();
    mdsSearch = ca.issue(ComponentName.of("mds-search", null), List.of("localhost"), DAY);
    siteTue = ca.issue(ComponentName.of("bridgehead", "TUE"), List.of("localhost"), DAY);
    siteDd = ca.issue(ComponentName.of("bridgehead", "DD"), List.of("localhost"), DAY);
    Pem.write(PKI.resolve("mds-search.pem"), mdsSearch.certificate());
    // command-line arguments: they win over the profiles' own settings
    centralList =
        IdentityApplication.builder(WireRecorder.class)
            .profiles("demo", "central-list")
            .run(
                arguments(
                    "central-list",
                    "patient-list",
                    "--ccp.central-list.reencrypt-targets.mds-search.domain=MDS-G",
                    "--ccp.central-list.reencrypt-targets.mds-search.certificate="
                        + PKI.resolve("mds-search.pem")));
    generator =
        IdentityApplication.builder(WireRecorder.class)
            .profiles("demo", "generator")
            .run(
                arguments(
                    "generator",
                    "generator",
                    "--ccp.generator.secret=Z2VuZXJhdG9yLXNlY3JldC1mb3ItdGhlLWl0cy0wMDA=",
                    "--ccp.generator.central-list-url=" + url(centralList)));
  }

  public static synchronized IdentityNetwork shared() {
    if (shared == null) {
      shared = new IdentityNetwork();
    }
    return shared;
  }

  public static String url(ConfigurableApplicationContext app) {
    return "https://localhost:" + port(app) + "/fhir";
  }

  public static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  private static final Duration DAY = Duration.ofDays(1);

  private static String[] arguments(String name, String certificate, String... more) {
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + name + "-it;DB_CLOSE_DELAY=-1",
                "--ccp.tls.key-store=" + PKI.resolve(certificate + ".p12"),
                "--ccp.tls.provision.ca-dir=" + PKI.resolve("network-ca"),
                EXCLUDED));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  /** The bridgehead's class path brings JPA; the identity components keep plain tables. */
  private static final String EXCLUDED =
      "--spring.autoconfigure.exclude="
          + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
          + "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration,"
          + "org.springframework.boot.autoconfigure.elasticsearch"
          + ".ElasticsearchRestClientAutoConfiguration,"
          + "org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration";

  /** The CA the bridgehead's provisioning uses (created here when this runs first). */
  private static NetworkCa openOrCreateCa() {
    Path dir = PKI.resolve("network-ca");
    try {
      Files.createDirectories(dir);
      char[] password = PasswordFiles.readOrGenerate(dir.resolve("ca.password"));
      return NetworkCa.exists(dir)
          ? NetworkCa.open(dir, password)
          : NetworkCa.create(dir, password, "ccp-fhir IT network CA", Duration.ofDays(3650));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
