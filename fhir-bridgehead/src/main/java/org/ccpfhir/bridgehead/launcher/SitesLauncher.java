package org.ccpfhir.bridgehead.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ccpfhir.bridgehead.BridgeheadApplication;
import org.ccpfhir.security.logging.LogSite;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Several sites' bridgeheads in one JVM, for the demo network on one machine ({@code ./ccp-demo}):
 * one Spring context per site, each with its own port, data directory (database, certificate, keys)
 * and site code, exactly as if started alone. Started one after the other, so the second and third
 * reuse the classes the first loaded and the code the JIT compiled for it — three separate JVMs
 * spend most of a demo start doing that work three times. Not for production: a site's bridgehead
 * runs alone on the site's host.
 *
 * <pre>
 * java -cp fhir-bridgehead.jar org.ccpfhir.bridgehead.launcher.SitesLauncher \
 *     --sites=HD:8443,TUE:8444,DD:8445 --data-root=./data/demo [Spring arguments for every site]
 * </pre>
 *
 * Each site gets {@code --server.port}, {@code --ccp.local-patient-list.site} and {@code
 * --ccp.data-dir=<data-root>/bridgehead-<site in lower case>} after the common arguments. If a site
 * does not start, the JVM exits with status 1. Every line of the shared log starts its message with
 * the site that wrote it ({@code [HD] }, {@code LogSite} of the security library).
 */
public final class SitesLauncher {

  private static final String SITES = "--sites=";
  private static final String DATA_ROOT = "--data-root=";

  private SitesLauncher() {}

  public static void main(String[] args) {
    Map<String, Integer> sites = new LinkedHashMap<>();
    Path dataRoot = Path.of("./data");
    List<String> common = new ArrayList<>();
    // the shared log names the site of each line (given first: an argument may override it)
    common.add("--logging.pattern.correlation=%ccpSite");
    for (String arg : args) {
      if (arg.startsWith(SITES)) {
        sites.putAll(sites(arg.substring(SITES.length())));
      } else if (arg.startsWith(DATA_ROOT)) {
        dataRoot = Path.of(arg.substring(DATA_ROOT.length()));
      } else {
        common.add(arg);
      }
    }
    if (sites.isEmpty()) {
      System.err.println("usage: SitesLauncher --sites=HD:8443,TUE:8444 [--data-root=DIR] [args]");
      System.exit(2);
    }
    for (Map.Entry<String, Integer> site : sites.entrySet()) {
      start(site.getKey(), siteArguments(common, site.getKey(), site.getValue(), dataRoot));
    }
  }

  /**
   * Starts one site's context from a thread of the site's thread group: the threads the context
   * creates join that group, so every line they log names the site in the shared log ({@code
   * LogSite}, {@code %ccpSite}).
   */
  private static void start(String site, String[] arguments) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            LogSite.threadGroup(site),
            () -> {
              try {
                new SpringApplicationBuilder(BridgeheadApplication.class).run(arguments);
              } catch (RuntimeException | Error e) {
                failure.set(e);
              }
            },
            "start-" + site);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    }
    if (failure.get() != null) {
      System.err.println("bridgehead " + site + " did not start: " + failure.get());
      System.exit(1);
    }
  }

  /** {@code HD:8443,TUE:8444} → site code → port, in the given order. */
  static Map<String, Integer> sites(String list) {
    Map<String, Integer> sites = new LinkedHashMap<>();
    for (String entry : list.split(",")) {
      String[] parts = entry.trim().split(":");
      if (parts.length != 2 || !parts[0].matches("[A-Z0-9]{1,12}") || !parts[1].matches("\\d+")) {
        throw new IllegalArgumentException(
            "--sites expects SITE:PORT,SITE:PORT (e.g. HD:8443,TUE:8444), not '" + entry + "'");
      }
      sites.put(parts[0], Integer.parseInt(parts[1]));
    }
    return sites;
  }

  static String[] siteArguments(List<String> common, String site, int port, Path dataRoot) {
    List<String> arguments = new ArrayList<>(common);
    arguments.add("--server.port=" + port);
    arguments.add("--ccp.local-patient-list.site=" + site);
    arguments.add(
        "--ccp.data-dir=" + dataRoot.resolve("bridgehead-" + site.toLowerCase(Locale.ROOT)));
    return arguments.toArray(String[]::new);
  }
}
