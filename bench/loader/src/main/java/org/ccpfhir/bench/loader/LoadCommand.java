package org.ccpfhir.bench.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code load} command: an optional warm-up folder (not counted), then the measured rounds,
 * each a folder of distinct data. The result is the median over the rounds of stored resources per
 * second of wall time.
 */
final class LoadCommand {

  private LoadCommand() {}

  /** Returns the exit code: 0 when every bundle of the measured rounds was stored, else 1. */
  static int run(LoadOptions options) throws Exception {
    RoundRunner runner =
        new RoundRunner(
            options.url(),
            options.clients(),
            options.requestTimeout(),
            options.showFailures(),
            options.bearerToken(),
            options.stopAfter());
    System.out.printf(
        "loader: %s clients=%d rounds=%d%n",
        options.url(), options.clients(), options.rounds().size());
    if (options.warmup().isPresent()) {
      report(runner.run("warmup", BundleFile.readFolder(options.warmup().get())));
    }
    // lets a profiler cut away start-up and warm-up (bench/ingest.sh --profile)
    System.out.println("MEASURE_START epoch_ms=" + System.currentTimeMillis());
    List<RoundResult> rounds = new ArrayList<>();
    int n = 1;
    for (Path folder : options.rounds()) {
      List<BundleFile> bundles = BundleFile.readFolder(folder);
      RoundResult result = runner.run("round " + n++, bundles);
      report(result);
      rounds.add(result);
    }
    List<Double> rates = rounds.stream().map(RoundResult::resourcesPerSecond).toList();
    List<Long> latencies = rounds.stream().flatMap(r -> r.latenciesMillis().stream()).toList();
    long stored = rounds.stream().mapToLong(RoundResult::stored).sum();
    long failed = rounds.stream().mapToLong(RoundResult::failedEntries).sum();
    int failedBundles = rounds.stream().mapToInt(RoundResult::failedBundles).sum();
    double seconds = rounds.stream().mapToDouble(RoundResult::seconds).sum();
    System.out.printf(
        Locale.ROOT,
        "RESULT median_rps=%.1f min_rps=%.1f max_rps=%.1f resources=%d failed_resources=%d"
            + " failed_bundles=%d seconds=%.1f p50_ms=%d p95_ms=%d%n",
        Stats.median(rates),
        rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        stored,
        failed,
        failedBundles,
        seconds,
        Stats.percentile(latencies, 50),
        Stats.percentile(latencies, 95));
    return failed == 0 ? 0 : 1;
  }

  private static void report(RoundResult result) {
    System.out.println(result.line());
    for (String failure : result.failureReports()) {
      System.out.println("  FAILED " + failure);
    }
    System.out.flush();
  }
}
