package org.ccpfhir.bench.loader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Entry point of the benchmark tools.
 *
 * <pre>
 * load --url URL [--token BEARER] [--clients K] [--timeout-s S] [--warmup DIR] --round DIR [--round DIR ...]
 * jfr FILE.jfr [--top N] [--since-ms EPOCH_MS]
 * samples --out DIR [--samples N] [--patients P] [--per-bundle B] [--seed S] [--sort S]
 * search --url URL --queries FILE --count-token T --user NAME=TOKEN [--scoped-user NAME=TOKEN]
 *     [--reps R] [--warmup W]
 * </pre>
 */
public final class BenchCli {

  private BenchCli() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "load" -> System.exit(LoadCommand.run(LoadOptions.parse(rest)));
      case "jfr" -> System.exit(jfr(rest));
      case "samples" -> System.exit(SampleData.run(rest, System.out));
      case "search" -> System.exit(SearchCommand.run(rest, System.out));
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  private static int jfr(String[] args) throws Exception {
    if (args.length < 1) {
      usage();
      return 2;
    }
    int top = 25;
    Instant since = Instant.EPOCH;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        case "--since-ms" -> since = Instant.ofEpochMilli(Long.parseLong(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    new JfrSummary(top, since).print(Path.of(args[0]), System.out);
    return 0;
  }

  private static void usage() {
    System.err.println(
        """
        usage:
          load --url URL [--token BEARER] [--clients K] [--timeout-s S] [--show-failures N]
               [--warmup DIR] --round DIR [--round DIR ...]
              POSTs every *.json bundle of each folder to URL with K concurrent clients; prints
              one line per round and a final RESULT line with the median resources/s
          jfr FILE.jfr [--top N] [--since-ms EPOCH_MS]
              summarises CPU samples of a flight recording (from EPOCH_MS on): hot methods and
              where the time goes
          samples --out DIR [--samples N] [--patients P] [--per-bundle B] [--seed S] [--sort S]
              writes biobank samples with their patients as transaction bundles (DIR/bundles)
              and the sample page's searches over them (DIR/queries.tsv)
          search --url URL --queries FILE --count-token T --user NAME=TOKEN
                 [--scoped-user NAME=TOKEN ...] [--reps R] [--warmup W]
              sends the searches one after the other as each user; p50/p95 per query and the
              ratio to the query named baseline; T (a site-wide user's) counts the matches
        """);
  }
}
