package org.ccpfhir.bench.loader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends bundles with K concurrent clients. Each client is its own {@link HttpClient} (own
 * connection) and takes the next unsent bundle until none are left, so a slow bundle does not hold
 * up the others.
 */
public final class RoundRunner {

  private final URI url;
  private final int clients;
  private final Duration requestTimeout;
  private final int keepFailures;
  private final java.util.Optional<String> bearerToken;
  private final long stopAt;

  /**
   * @param stopAfter no bundle is sent any more once this much time has passed since the runner was
   *     made (a load cut to a time budget: what was stored is a prefix of the folders)
   */
  public RoundRunner(
      URI url,
      int clients,
      Duration requestTimeout,
      int keepFailures,
      java.util.Optional<String> bearerToken,
      java.util.Optional<Duration> stopAfter) {
    this.bearerToken = bearerToken;
    this.stopAt = stopAfter.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    this.url = url;
    this.clients = clients;
    this.requestTimeout = requestTimeout;
    this.keepFailures = keepFailures;
  }

  /** Posts every bundle once and measures the wall time of the whole round. */
  public RoundResult run(String label, List<BundleFile> bundles) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong stored = new AtomicLong();
    AtomicLong failedEntries = new AtomicLong();
    AtomicInteger failedBundles = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  HttpClient http =
                      HttpClient.newBuilder()
                          .version(HttpClient.Version.HTTP_1_1)
                          .connectTimeout(Duration.ofSeconds(10))
                          .build();
                  for (int i = next.getAndIncrement();
                      i < bundles.size() && System.nanoTime() - stopAt < 0;
                      i = next.getAndIncrement()) {
                    BundleFile bundle = bundles.get(i);
                    long t0 = System.nanoTime();
                    Outcome outcome = send(http, bundle);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    stored.addAndGet(outcome.stored());
                    if (outcome.failed() > 0) {
                      failedEntries.addAndGet(outcome.failed());
                      failedBundles.incrementAndGet();
                      synchronized (failures) {
                        if (failures.size() < keepFailures) {
                          failures.add(bundle.name() + ": " + outcome.report());
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new RoundResult(
          label,
          bundles.size(),
          stored.get(),
          failedBundles.get(),
          failedEntries.get(),
          seconds,
          List.copyOf(latencies),
          List.copyOf(failures));
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome send(HttpClient http, BundleFile bundle) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/fhir+json")
            .header("Accept", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bundle.body()));
    bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return Outcome.of(bundle, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.ofException(bundle, e);
    } catch (Exception e) {
      return Outcome.ofException(bundle, e);
    }
  }
}
