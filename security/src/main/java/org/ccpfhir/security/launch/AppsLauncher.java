package org.ccpfhir.security.launch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.ccpfhir.security.logging.LogSite;

/**
 * Several apps in one JVM, for the demo network on one machine ({@code ./ccp-demo}: the
 * control-number generator, the central patient list and the MDS database): each app's {@code main}
 * is called with its own arguments, one after the other, so the later ones find Spring's, HAPI's
 * and Hibernate's classes loaded and much of the code JIT-compiled — separate JVMs do that work
 * once per app. The apps must not read each other's configuration (fhir-identity reads {@code
 * fhir-identity.yml}, fhir-mds-search {@code application.yml}) and their jars and libraries are all
 * on the class path. Not for production: there each app runs on its own host.
 *
 * <pre>
 * java -cp 'fhir-identity/…:fhir-mds-search/…:lib/*' org.ccpfhir.security.launch.AppsLauncher \
 *     --app=generator org.ccpfhir.identity.IdentityApplication --server.port=8091 … \
 *     --app=mds-search org.ccpfhir.mdssearch.MdsSearchApplication --server.port=8070 …
 * </pre>
 *
 * Each app starts in a thread of its own thread group, so its lines in the shared log carry its
 * name ({@code LogSite}, {@code %ccpSite}; {@code --logging.pattern.correlation=%ccpSite} and
 * {@code --logging.include-application-name=false} are given to each app first). If an app does not
 * start, the JVM exits with status 1.
 */
public final class AppsLauncher {

  private static final String APP = "--app=";

  /** System property: exit (status 0) once every app has started ({@code ./ccp-demo train}). */
  static final String EXIT_AFTER_START = "ccp.launch.exit-after-start";

  /** One app: its name (for the log), main class and arguments. */
  record App(String name, String mainClass, List<String> arguments) {}

  private AppsLauncher() {}

  public static void main(String[] args) {
    List<App> apps;
    try {
      apps = apps(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: AppsLauncher --app=NAME MAIN_CLASS [args] [--app=NAME MAIN_CLASS [args]] …");
      System.exit(2);
      return;
    }
    for (App app : apps) {
      start(app);
    }
    if (Boolean.getBoolean(EXIT_AFTER_START)) {
      // a training run for a class-data archive, which JDK 17 writes at a normal exit
      System.exit(0);
    }
  }

  /** {@code --app=NAME MAIN_CLASS args… --app=…} → the apps in the given order. */
  static List<App> apps(String[] args) {
    List<App> apps = new ArrayList<>();
    int i = 0;
    while (i < args.length) {
      if (!args[i].startsWith(APP) || args[i].length() == APP.length()) {
        throw new IllegalArgumentException("expected --app=NAME, not '" + args[i] + "'");
      }
      String name = args[i].substring(APP.length());
      if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
        throw new IllegalArgumentException("--app=" + name + " needs its main class");
      }
      String mainClass = args[i + 1];
      List<String> arguments = new ArrayList<>();
      arguments.add("--logging.pattern.correlation=%ccpSite");
      // the JVM has one log configuration: the name of whichever app configured it last would
      // stand on every line; the site tag names the app instead
      arguments.add("--logging.include-application-name=false");
      i += 2;
      while (i < args.length && !args[i].startsWith(APP)) {
        arguments.add(args[i++]);
      }
      apps.add(new App(name, mainClass, List.copyOf(arguments)));
    }
    if (apps.isEmpty()) {
      throw new IllegalArgumentException("no --app given");
    }
    return apps;
  }

  private static void start(App app) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            LogSite.threadGroup(app.name()),
            () -> {
              try {
                MethodHandles.publicLookup()
                    .findStatic(
                        Class.forName(app.mainClass()),
                        "main",
                        MethodType.methodType(void.class, String[].class))
                    .invoke((Object) app.arguments().toArray(String[]::new));
              } catch (Throwable e) { // a web app's main returns once it is started
                failure.set(e);
              }
            },
            "start-" + app.name());
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    }
    if (failure.get() != null) {
      System.err.println(app.name() + " did not start: " + failure.get());
      System.exit(1);
    }
  }
}
