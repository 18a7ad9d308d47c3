package org.ccpfhir.demotests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo network as {@code ./ccp-demo} runs it, on a fresh data directory: started once for the
 * suite, ready when the script has printed its table ({@code urls.txt}), stopped with SIGTERM (the
 * script's own Ctrl-C path) and, if anything is left after that, killed.
 */
final class DemoNetwork implements AutoCloseable {

  static final List<Integer> PORTS = List.of(8091, 8092, 8070, 8443, 8444, 8445);

  /**
   * {@code -Dccp.demo.port-offset=N}: the suite's network on every port + N (the script's {@code
   * CCP_DEMO_PORT_OFFSET}), beside a demo that runs on the default ports.
   */
  static final int PORT_OFFSET = Integer.getInteger("ccp.demo.port-offset", 0);

  // -Dccp.demo.ready-minutes: a machine shared with other builds needs longer
  private static final Duration READY_WITHIN =
      Duration.ofMinutes(Integer.getInteger("ccp.demo.ready-minutes", 20));
  private static final Duration STOP_WITHIN = Duration.ofMinutes(3);

  private final Path dir;
  private final Process process;
  private final Instant started = Instant.now();

  private DemoNetwork(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /** Starts the network with {@code patients} per site in {@code dir} (deleted first). */
  static DemoNetwork start(Path repository, Path dir, int patients) throws IOException {
    for (int port : PORTS.stream().map(p -> p + PORT_OFFSET).toList()) {
      if (inUse(port)) {
        throw new IllegalStateException(
            "port "
                + port
                + " is in use: another demo network runs on this machine; stop it first");
      }
    }
    deleteRecursively(dir);
    Files.createDirectories(dir);
    ProcessBuilder builder =
        new ProcessBuilder("setsid", "./ccp-demo")
            .directory(repository.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile());
    builder.environment().put("CCP_DEMO_DIR", dir.toAbsolutePath().toString());
    builder.environment().put("CCP_DEMO_PATIENTS", Integer.toString(patients));
    builder.environment().putIfAbsent("MAVEN_ARGS", "-o");
    builder.environment().put("CCP_DEMO_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    DemoNetwork network = new DemoNetwork(dir, builder.start());
    Runtime.getRuntime().addShutdownHook(new Thread(network::close));
    return network;
  }

  /** Blocks until the table is printed; fails with the script's log when it stops before. */
  Duration awaitReady() throws IOException, InterruptedException {
    Path urls = dir.resolve("urls.txt");
    Instant deadline = started.plus(READY_WITHIN);
    while (!Files.exists(urls)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "./ccp-demo stopped during start-up (exit "
                + process.exitValue()
                + "):\n"
                + tail(dir.resolveSibling(dir.getFileName() + ".log")));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the demo network was not ready within " + READY_WITHIN);
      }
      Thread.sleep(1000);
    }
    return Duration.between(started, Instant.now());
  }

  /** The network's directory ({@code CCP_DEMO_DIR}). */
  Path dir() {
    return dir;
  }

  Path caCertificate() {
    return dir.resolve("network-ca/ca.pem");
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> components = process.descendants().toList();
    // SIGTERM to the script: it stops every component gracefully and waits for them
    process.destroy();
    try {
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // whatever outlived the script
    components.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
