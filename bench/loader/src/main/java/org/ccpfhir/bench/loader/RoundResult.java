package org.ccpfhir.bench.loader;

import java.util.List;

/**
 * Result of posting one folder of bundles.
 *
 * @param label e.g. {@code round 2}
 * @param bundles bundles sent
 * @param stored resources written
 * @param failedBundles bundles with at least one refused entry
 * @param failedEntries resources refused
 * @param seconds wall time from the first request to the last answer
 * @param latenciesMillis time of each request
 * @param failureReports the first few failure accounts
 */
public record RoundResult(
    String label,
    int bundles,
    long stored,
    int failedBundles,
    long failedEntries,
    double seconds,
    List<Long> latenciesMillis,
    List<String> failureReports) {

  /** Stored resources per second of wall time. */
  public double resourcesPerSecond() {
    return seconds > 0 ? stored / seconds : 0;
  }

  /** One line for the report. */
  public String line() {
    return String.format(
        java.util.Locale.ROOT,
        "%-9s bundles=%d resources=%d failed_bundles=%d failed_resources=%d seconds=%.2f"
            + " resources/s=%.1f p50_ms=%d p95_ms=%d",
        label,
        bundles,
        stored,
        failedBundles,
        failedEntries,
        seconds,
        resourcesPerSecond(),
        Stats.percentile(latenciesMillis, 50),
        Stats.percentile(latenciesMillis, 95));
  }
}
