package org.ccpfhir.bridgehead.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.ccpfhir.bridgehead.BridgeheadApplication;
import org.ccpfhir.security.logging.LogSite;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Several sites' bridgeheads in one JVM, for the demo network on one machine ({@code ./ccp-demo}):
 * one Spring context per site, each with its own port, data directory (database, certificate, keys)
 * and site code, exactly as if started alone. The first site starts alone, and the others reuse the
 * classes it loaded and the code the JIT compiled for it — three separate JVMs spend most of a demo
 * start doing that work three times. By default the others follow one after the other (see {@link
 * Order}). Not for production: a site's bridgehead runs alone on the site's host.
 *
 * <pre>
 * java -cp fhir-bridgehead.jar org.ccpfhir.bridgehead.launcher.SitesLauncher \
 *     --sites=HD:8443,TUE:8444,DD:8445 --data-root=./data/demo [--order=sequential] \
 *     [Spring arguments for every site]
 * </pre>
 *
 * Each site gets {@code --server.port}, {@code --ccp.local-patient-list.site} and {@code
 * --ccp.data-dir=<data-root>/bridgehead-<site in lower case>} after the common arguments. If a site
 * does not start, the JVM exits with status 1 (at once, also while other sites are still starting).
 * Every line of the shared log starts its message with the site that wrote it ({@code [HD] },
 * {@code LogSite} of the security library).
 */
public final class SitesLauncher {

  private static final String SITES = "--sites=";
  private static final String DATA_ROOT = "--data-root=";
  private static final String ORDER = "--order=";

  /**
   * A training run for a class-data archive (as security's {@code AppsLauncher}): the JVM exits
   * normally once every site is up, which is when a JDK writes the archive.
   */
  static final String EXIT_AFTER_START = "ccp.launch.exit-after-start";

  /**
   * In which waves the sites' contexts start; a wave starts when the one before it is up. On the
   * shared 2-core machine the sites after the first took longer together than one after the other
   * (demo/README.md "Start time"), hence the default; more cores may change that. Not offered: all
   * sites at once — Tomcat's OpenSSL cipher list parser fills a static list on first use without a
   * lock, and the connectors of sites starting together failed with UnsupportedOperationException;
   * the first site, alone, does that first use.
   */
  enum Order {
    /** One after the other (the default). */
    SEQUENTIAL,
    /** The first alone (it loads the classes and warms the JIT), then all others together. */
    FIRST_THEN_PARALLEL;

    static Order of(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--order expects sequential or first-then-parallel, not '" + name + "'", e);
      }
    }
  }

  private SitesLauncher() {}

  public static void main(String[] args) {
    Map<String, Integer> sites = new LinkedHashMap<>();
    Path dataRoot = Path.of("./data");
    Order order = Order.SEQUENTIAL;
    List<String> common = new ArrayList<>();
    // the shared log names the site of each line (given first: an argument may override it)
    common.add("--logging.pattern.correlation=%ccpSite");
    for (String arg : args) {
      if (arg.startsWith(SITES)) {
        sites.putAll(sites(arg.substring(SITES.length())));
      } else if (arg.startsWith(DATA_ROOT)) {
        dataRoot = Path.of(arg.substring(DATA_ROOT.length()));
      } else if (arg.startsWith(ORDER)) {
        order = Order.of(arg.substring(ORDER.length()));
      } else {
        common.add(arg);
      }
    }
    if (sites.isEmpty()) {
      System.err.println(
          "usage: SitesLauncher --sites=HD:8443,TUE:8444 [--data-root=DIR]"
              + " [--order=sequential|first-then-parallel] [args]");
      System.exit(2);
    }
    for (List<String> wave : waves(List.copyOf(sites.keySet()), order)) {
      List<Thread> starters = new ArrayList<>();
      try {
        for (String site : wave) {
          CountDownLatch prepared = new CountDownLatch(1);
          starters.add(
              start(site, siteArguments(common, site, sites.get(site), dataRoot), prepared));
          // the next site of the wave once this one has configured the logging: Spring Boot
          // re-initialises the JVM's one Logback per context, and two doing it at once left
          // appenders twice (every line of the log written two or three times)
          prepared.await();
        }
        for (Thread starter : starters) {
          starter.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        System.err.println("interrupted while the bridgeheads started");
        System.exit(1);
      }
    }
    if (Boolean.getBoolean(EXIT_AFTER_START)) {
      System.exit(0);
    }
  }

  /** The sites in the waves in which their contexts start (each wave after the one before). */
  static List<List<String>> waves(List<String> sites, Order order) {
    List<List<String>> waves = new ArrayList<>();
    switch (order) {
      case SEQUENTIAL -> sites.forEach(site -> waves.add(List.of(site)));
      case FIRST_THEN_PARALLEL -> {
        waves.add(List.of(sites.get(0)));
        if (sites.size() > 1) {
          waves.add(List.copyOf(sites.subList(1, sites.size())));
        }
      }
    }
    return waves;
  }

  /**
   * Starts one site's context from a thread of the site's thread group: the threads the context
   * creates join that group, so every line they log names the site in the shared log ({@code
   * LogSite}, {@code %ccpSite}). A site that does not start ends the JVM with status 1 at once: the
   * demo script sees the process end and shows the log, rather than waiting for the others.
   */
  private static Thread start(String site, String[] arguments, CountDownLatch prepared) {
    Thread starter =
        new Thread(
            LogSite.threadGroup(site),
            () -> {
              try {
                new SpringApplicationBuilder(BridgeheadApplication.class)
                    .listeners(
                        (ApplicationListener<ApplicationEvent>)
                            event -> {
                              if (event instanceof ApplicationPreparedEvent) {
                                prepared.countDown();
                              }
                            })
                    .run(arguments);
              } catch (RuntimeException | Error e) {
                System.err.println("bridgehead " + site + " did not start: " + e);
                System.exit(1);
              }
            },
            "start-" + site);
    starter.start();
    return starter;
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
