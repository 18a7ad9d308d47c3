package org.ccpfhir.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes synthetic transaction bundles as JSON files.
 *
 * <pre>
 * GenerateCli --site HD --count 1000 --seed 42 --out DIR
 *             [--mode put|post] [--idat] [--per-file N] [--from N] [--pretty]
 *             [--next --site TUE …]
 * </pre>
 *
 * Files are named {@code <site>-<first patient index, 6 digits>.json}, so a directory listing is in
 * generation order.
 */
public final class GenerateCli {

  static final String USAGE =
      "usage: GenerateCli --site HD --count 1000 --seed 42 --out DIR"
          + " [--mode put|post] [--idat] [--per-file N] [--from N] [--pretty]"
          + " [--next <the same for another run>]";

  static final String NEXT = "--next";

  record Options(
      String site,
      int count,
      long seed,
      Path out,
      EntryMode mode,
      boolean idat,
      int perFile,
      int from,
      boolean pretty) {}

  private GenerateCli() {}

  public static void main(String[] args) {
    int status = runAll(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Several runs in one JVM, their arguments separated by {@code --next} (e.g. three sites of the
   * demo: starting the JVM and the FHIR context once costs less than the bundles); stops at the
   * first run that fails and returns its status.
   */
  static int runAll(String[] args, PrintStream out, PrintStream err) {
    List<String> group = new ArrayList<>();
    for (int i = 0; i <= args.length; i++) {
      if (i < args.length && !NEXT.equals(args[i])) {
        group.add(args[i]);
        continue;
      }
      int status = run(group.toArray(String[]::new), out, err);
      if (status != 0) {
        return status;
      }
      group.clear();
    }
    return 0;
  }

  /** Runs the CLI; returns the process exit status (0 ok, 2 bad arguments, 1 I/O failure). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      int files = write(options);
      out.printf(
          Locale.ROOT,
          "wrote %d patients of site %s in %d files to %s%n",
          options.count(),
          options.site(),
          files,
          options.out());
      return 0;
    } catch (IOException e) {
      err.println("cannot write bundles: " + e.getMessage());
      return 1;
    }
  }

  static Options parse(String[] args) {
    String site = null;
    Integer count = null;
    Long seed = null;
    Path out = null;
    EntryMode mode = EntryMode.PUT;
    boolean idat = false;
    boolean pretty = false;
    int perFile = 1;
    int from = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--site" -> site = value(args, ++i, arg);
        case "--count" -> count = number(value(args, ++i, arg), arg, 0);
        case "--seed" -> seed = seed(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--mode" -> mode = mode(value(args, ++i, arg));
        case "--per-file" -> perFile = number(value(args, ++i, arg), arg, 1);
        case "--from" -> from = number(value(args, ++i, arg), arg, 0);
        case "--idat" -> idat = true;
        case "--pretty" -> pretty = true;
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    if (site == null || count == null || seed == null || out == null) {
      throw new IllegalArgumentException("--site, --count, --seed and --out are required");
    }
    SiteProfile.of(site); // validates the code
    return new Options(
        site.toUpperCase(Locale.ROOT), count, seed, out, mode, idat, perFile, from, pretty);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }

  private static int number(String value, String name, int min) {
    try {
      int n = Integer.parseInt(value);
      if (n < min) {
        throw new IllegalArgumentException(name + " must be at least " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: " + value);
    }
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed must be a number: " + value);
    }
  }

  private static EntryMode mode(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "put" -> EntryMode.PUT;
      case "post" -> EntryMode.POST;
      default -> throw new IllegalArgumentException("--mode must be put or post: " + value);
    };
  }

  static int write(Options o) throws IOException {
    Files.createDirectories(o.out());
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(o.seed(), o.site(), o.mode(), o.idat());
    IParser parser = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(o.pretty());
    String prefix = generator.site().idPrefix();
    int files = 0;
    for (int first = o.from(); first < o.from() + o.count(); first += o.perFile()) {
      int n = Math.min(o.perFile(), o.from() + o.count() - first);
      List<Bundle> bundles = new ArrayList<>(n);
      generator.patients(first, n).forEach(bundles::add);
      Bundle bundle = n == 1 ? bundles.get(0) : SyntheticPatientGenerator.merge(bundles);
      Path file = o.out().resolve(String.format(Locale.ROOT, "%s-%06d.json", prefix, first));
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        parser.encodeResourceToWriter(bundle, w);
      }
      files++;
    }
    return files;
  }
}
