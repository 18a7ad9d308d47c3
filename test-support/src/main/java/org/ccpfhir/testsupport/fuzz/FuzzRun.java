package org.ccpfhir.testsupport.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Sends the generator's requests to a running app and checks each answer: never 5xx, never a hang
 * (time-out), every 4xx an OperationOutcome, a 4xx where the request must be refused ({@link
 * FuzzRequest.Expect}); then the app's {@code /actuator/health} must still answer UP. Prints the
 * seed first, so a failing run is replayed with {@code -Dfuzz.seed=}.
 */
public final class FuzzRun {

  private static final Pattern OUTCOME =
      Pattern.compile("\"resourceType\"\\s*:\\s*\"OperationOutcome\"|<OperationOutcome[\\s>]");

  private static final Pattern AUDIT_EVENT =
      Pattern.compile("\"resourceType\"\\s*:\\s*\"AuditEvent\"");

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The seed of this JVM's runs: {@code -Dfuzz.seed}, else a fixed one (reproducible builds). */
  public static long seed() {
    return Long.getLong("fuzz.seed", 20261207L);
  }

  /**
   * Cases of one run: its {@code share} of {@code -Dfuzz.total} (the benchmark's total over all
   * apps), else {@code -Dfuzz.cases}, else {@code fallback} (the build's default).
   */
  public static int cases(int fallback, double share) {
    Integer total = Integer.getInteger("fuzz.total");
    if (total != null) {
      return (int) Math.round(total * share);
    }
    return Integer.getInteger("fuzz.cases", fallback);
  }

  private final String root;
  private final HttpClient http;
  private final UnaryOperator<HttpRequest.Builder> credentials;

  /**
   * @param root e.g. {@code https://localhost:8443}
   * @param tls client context (trusting the network CA, with a client certificate where the app
   *     wants one)
   * @param credentials adds the caller's credentials to each request (e.g. a bearer token)
   */
  public FuzzRun(String root, SSLContext tls, UnaryOperator<HttpRequest.Builder> credentials) {
    this.root = root;
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.credentials = credentials;
  }

  /** What a run found. */
  public record Result(
      String app,
      long seed,
      int cases,
      int serverErrors,
      int clientErrorsWithoutOutcome,
      int notRefused,
      int hangs,
      long p50Micros,
      long p99Micros,
      long maxMicros,
      Map<String, Integer> statuses,
      List<String> failures,
      boolean healthyAfter,
      long heapBeforeBytes,
      long heapAfterBytes) {

    public String summary() {
      return String.format(
          "fuzz %s seed=%d cases=%d 5xx=%d 4xx-without-OperationOutcome=%d not-refused=%d"
              + " hangs=%d"
              + " p50=%.1fms p99=%.1fms max=%.1fms heap-after-GC=%dMiB->%dMiB health=%s"
              + " statuses=%s",
          app,
          seed,
          cases,
          serverErrors,
          clientErrorsWithoutOutcome,
          notRefused,
          hangs,
          p50Micros / 1000.0,
          p99Micros / 1000.0,
          maxMicros / 1000.0,
          heapBeforeBytes >> 20,
          heapAfterBytes >> 20,
          healthyAfter ? "UP" : "DOWN",
          statuses);
    }
  }

  /** Runs {@code cases} requests of a generator seeded with {@code seed} against the app. */
  public Result run(FuzzTarget target, long seed, int cases) {
    System.out.println(
        "fuzz " + target.name() + ": seed " + seed + " (replay: -Dfuzz.seed=" + seed + ")");
    long heapBefore = heapAfterGc();
    HostileRequests generator = new HostileRequests(seed, target);
    long[] micros = new long[cases];
    int serverErrors = 0;
    int withoutOutcome = 0;
    int hangs = 0;
    int unexpected = 0;
    Map<String, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      FuzzRequest request = generator.next();
      long start = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = send(request);
      } catch (java.net.http.HttpTimeoutException e) {
        hangs++;
        note(failures, "hang " + request.describe());
        continue;
      } catch (Exception e) {
        // the server closed the connection twice or the request could not be sent: report, go on
        hangs++;
        note(
            failures,
            e.getClass().getSimpleName() + " (" + e.getMessage() + ") " + request.describe());
        continue;
      } finally {
        micros[i] = (System.nanoTime() - start) / 1000;
      }
      int status = response.statusCode();
      statuses.merge(status / 100 + "xx", 1, Integer::sum);
      String expectation = expectationFailure(request, status, response.body());
      if (expectation != null) {
        unexpected++;
        note(failures, status + " " + expectation + " " + request.describe());
      }
      if (status >= 500) {
        serverErrors++;
        note(failures, status + " " + request.describe() + " -> " + head(response.body()));
      } else if (status >= 400 && !OUTCOME.matcher(response.body()).find()) {
        withoutOutcome++;
        note(
            failures,
            status
                + " without OperationOutcome "
                + request.describe()
                + " -> "
                + head(response.body()));
      }
    }
    boolean healthy = healthy();
    long heapAfter = heapAfterGc();
    Arrays.sort(micros);
    Result result =
        new Result(
            target.name(),
            seed,
            cases,
            serverErrors,
            withoutOutcome,
            unexpected,
            hangs,
            percentile(micros, 0.50),
            percentile(micros, 0.99),
            micros.length == 0 ? 0 : micros[micros.length - 1],
            statuses,
            failures,
            healthy,
            heapBefore,
            heapAfter);
    System.out.println(result.summary());
    failures.forEach(f -> System.out.println("  " + f));
    return result;
  }

  /**
   * Why the answer breaks the request's {@link FuzzRequest.Expect} (beyond no 5xx), or null. A
   * refused request must get a 4xx; a batch of protected entries must be refused whole, or each of
   * its entries must be, and no AuditEvent may come back.
   */
  static String expectationFailure(FuzzRequest request, int status, String body) {
    switch (request.expect()) {
      case REFUSED -> {
        return status >= 400 && status < 500 ? null : "not refused (want 4xx)";
      }
      case ENTRIES_REFUSED -> {
        if (status >= 400 && status < 500) {
          return null;
        }
        if (status >= 300) {
          return status >= 500 ? null : "not refused (want 4xx)";
        }
        if (AUDIT_EVENT.matcher(body).find()) {
          return "an AuditEvent in the answer to a batch of protected entries";
        }
        try {
          com.fasterxml.jackson.databind.JsonNode bundle = JSON.readTree(body);
          for (com.fasterxml.jackson.databind.JsonNode entry : bundle.path("entry")) {
            String entryStatus = entry.path("response").path("status").asText("");
            if (!entryStatus.startsWith("4")) {
              return "a protected batch entry answered '" + head(entryStatus) + "' (want 4xx)";
            }
          }
          return bundle.path("entry").isEmpty() ? "a batch answer without entries" : null;
        } catch (Exception e) {
          return "a batch answer that is not a JSON Bundle";
        }
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Sends once more when the connection broke without an answer, as any HTTP client does for a
   * request whose connection was reused just as the server closed it (seen once in CI: an
   * IOException on a 5 MB body to an app that answers such bodies 400 every other time). A server
   * that breaks the connection again is reported.
   */
  private HttpResponse<String> send(FuzzRequest request) throws Exception {
    try {
      return http.send(build(request), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw e;
    } catch (java.io.IOException e) {
      return http.send(build(request), HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpRequest build(FuzzRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(root + request.path()))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/fhir+json");
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    builder.method(
        request.method(),
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(request.body()));
    return credentials.apply(builder).build();
  }

  private boolean healthy() {
    try {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(root + "/actuator/health"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && health.body().contains("\"UP\"");
    } catch (Exception e) {
      return false;
    }
  }

  /** Logs in at the app's local token issuer ({@code /oauth2/token}, password grant). */
  public static String passwordToken(String root, SSLContext tls, String user, String password) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .sslContext(tls)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(root + "/oauth2/token"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "grant_type=password&username=" + user + "&password=" + password))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      java.util.regex.Matcher token =
          Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      if (response.statusCode() != 200 || !token.find()) {
        throw new IllegalStateException("login failed: " + response.statusCode());
      }
      return token.group(1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A client context that trusts only {@code ca} and shows no certificate (token callers). */
  public static SSLContext trusting(java.security.cert.X509Certificate ca) {
    try {
      java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("network-ca", ca);
      javax.net.ssl.TrustManagerFactory trust =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Used heap after a full collection (the apps run in this JVM in the ITs and the bench). */
  public static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void note(List<String> failures, String failure) {
    if (failures.size() < 50) {
      failures.add(failure);
    }
  }

  private static String head(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
  }
}
