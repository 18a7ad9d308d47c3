package org.ccpfhir.bridgehead.upload;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.bridgehead.BridgeheadApplication;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A further site's bridgehead next to the tests' own (HD): the same application with the site's
 * name, its own embedded H2 database and data directory, its own port and its own certificate,
 * issued by the tests' network CA on first start (the bridgehead's provisioning), talking to the
 * shared identity network and MDS database over mutual TLS. Runs either as a Spring context in the
 * test JVM or as a process of the packaged jar ({@code java -jar}), which a test can kill.
 */
public final class SiteBridgehead {

  private static final String PACKAGED_JAR_GLOB = "fhir-bridgehead-*-app.jar";

  /** The bridgehead module's build output (the reactor packages it before these ITs run). */
  private static final Path BRIDGEHEAD_TARGET = Path.of("../fhir-bridgehead/target");

  private final String site;
  private final Path dataDir;

  /**
   * @param site the site code (TUE, DD …)
   * @param dataDir where its H2 database, certificate and keys live (a restart reuses them)
   */
  public SiteBridgehead(String site, Path dataDir) {
    this.site = site;
    this.dataDir = dataDir.toAbsolutePath();
  }

  /** The site's bridgehead as a Spring context in this JVM, on a free port. */
  public ConfigurableApplicationContext startInJvm() {
    return new SpringApplicationBuilder(BridgeheadApplication.class)
        .run(arguments(0, "classpath:upload/site-bridgehead.yml").toArray(String[]::new));
  }

  /** The site's bridgehead as its own process of the packaged jar; output goes to a log file. */
  public Process startProcess(int port) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", packagedJar()));
    command.addAll(arguments(port, "file:" + testResource("upload/site-bridgehead.yml")));
    try {
      Files.createDirectories(dataDir);
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(
              ProcessBuilder.Redirect.appendTo(dataDir.resolve("bridgehead.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path log() {
    return dataDir.resolve("bridgehead.log");
  }

  /** A loopback port nobody listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> arguments(int port, String siteConfig) {
    Path pki = IdentityNetwork.PKI.toAbsolutePath();
    IdentityNetwork network = IdentityNetwork.shared();
    return List.of(
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--spring.profiles.active=demo",
        "--spring.config.additional-location=" + siteConfig,
        "--ccp.data-dir=" + dataDir,
        "--ccp.local-patient-list.site=" + site,
        "--ccp.tls.provision.ca-dir=" + pki.resolve("network-ca"),
        "--ccp.identity-network.generator-url=" + IdentityNetwork.url(network.generator),
        "--ccp.identity-network.central-list-url=" + IdentityNetwork.url(network.centralList),
        "--ccp.upload.mds-url=" + IdentityNetwork.url(MdsDatabase.shared()),
        "--ccp.upload.mds-certificate=" + pki.resolve("mds-search.pem"),
        "--ccp.upload.local-id-key-file=" + dataDir.resolve("upload/local-id.key"),
        // small batches: a run of a handful of patients needs several requests
        "--ccp.upload.batch-size=2",
        "--ccp.upload.cron=-",
        "--ccp.search-agent.enabled=false");
  }

  /** The bridgehead's runnable jar (built in its package phase, before these ITs). */
  private static String packagedJar() {
    try (var jars = Files.newDirectoryStream(BRIDGEHEAD_TARGET, PACKAGED_JAR_GLOB)) {
      for (Path jar : jars) {
        return jar.toAbsolutePath().toString();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException(
        "no " + BRIDGEHEAD_TARGET + "/" + PACKAGED_JAR_GLOB + ": package fhir-bridgehead first");
  }

  private static Path testResource(String name) {
    return Path.of("target/test-classes").resolve(name).toAbsolutePath();
  }
}
