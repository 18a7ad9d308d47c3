package org.ccpfhir.mdssearch.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The 512 MiB target of issue 17 (bench/hostile-heap.sh): the central search, started by the script
 * as its runnable jar with {@code -Xmx512m} on a database of generated patients, gets the largest
 * and the most hostile requests a client can send — alone and in parallel bursts — and each must be
 * answered 2xx or 4xx within 10 s; afterwards the app must still be up. Prints per request kind its
 * statuses and p50 / max latency, the JVM's heap (Prometheus meter, as admin) and a verdict.
 *
 * <p>Arguments: base URL, CA PEM file (or {@code --load jdbc-url patients}: store generated
 * patients first, through {@link StoreTimer}). The budgets are lifted by the script so that every
 * request is evaluated (otherwise the second large request would be a cheap 429).
 */
public final class HostileHeapBenchmark {

  private static final Duration LIMIT = Duration.ofSeconds(10);
  private static final String STRATA = "\"age-at-diagnosis\",\"sex\",\"site\",\"vital-status\"";

  private final HttpClient http;
  private final String base;
  private final Map<String, List<long[]>> results = new LinkedHashMap<>();
  private int failures;

  private HostileHeapBenchmark(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--load")) { // the database the server will start on
      new StoreTimer(args[1], List.of("HD", "TUE", "DD"), 17).run(Integer.parseInt(args[2]));
      return;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(trusting(Path.of(args[1])))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HostileHeapBenchmark bench = new HostileHeapBenchmark(http, args[0]);
    bench.run();
  }

  private void run() throws Exception {
    String researcher = token("researcher", "researcher-demo");
    String admin = token("admin", "admin-demo");
    Map<String, Supplier<HttpRequest>> kinds = new LinkedHashMap<>();
    String largest = largestMeasure("Condition?code:below=C");
    kinds.put(
        "largest allowed: 10 distinct cross stratifiers (~1,200 cells), all C patients",
        () -> measure(researcher, largest));
    kinds.put(
        "largest allowed, 100 broad terms",
        () -> measure(researcher, largestMeasure(broadTerms())));
    kinds.put(
        "1,000 stratifier copies (was OutOfMemoryError)", () -> measure(researcher, copies(1000)));
    kinds.put("40,000 stratifier copies (~4 MiB)", () -> measure(researcher, copies(40_000)));
    kinds.put("200 OR-ed expressions, 100 terms", () -> criteria(researcher, orChain(200)));
    kinds.put(
        "nesting 2,000 deep",
        () -> criteria(researcher, "(".repeat(2000) + "Patient" + ")".repeat(2000)));
    kinds.put("JSON nested 100,000 deep", () -> raw(researcher, "[".repeat(100_000)));
    kinds.put("9 MiB body", () -> raw(researcher, "{\"a\":\"" + "x".repeat(9 << 20) + "\"}"));
    kinds.put("malformed JSON", () -> raw(researcher, "{\"resourceType\":\"Parameters\",\"param"));
    kinds.put(
        "search with 7,000-character code list",
        () ->
            get(
                researcher,
                "/fhir/Condition?_summary=count&code=" + "C50.1,".repeat(1000) + "C50.2"));
    kinds.put(
        "search, every stratum narrowed: 200 date bounds",
        () ->
            get(
                researcher,
                "/fhir/Condition?_summary=count&onset-date=ge1900"
                    + "&onset-date=lt2100".repeat(199)));
    for (Map.Entry<String, Supplier<HttpRequest>> kind : kinds.entrySet()) {
      for (int i = 0; i < 3; i++) {
        send(kind.getKey(), kind.getValue().get());
      }
    }
    // parallel bursts: 8 of the largest allowed request at once, three times
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int burst = 0; burst < 3; burst++) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            pool.submit(
                () -> send("burst of 8 parallel largest allowed", measure(researcher, largest))));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    pool.shutdown();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + admin)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    System.out.println(
        "request kind | statuses | p50 ms | max ms (limit 10,000 ms: 2xx or 4xx in time)");
    results.forEach(
        (kind, runs) -> {
          Map<Long, Integer> statuses = new LinkedHashMap<>();
          List<Long> millis = new ArrayList<>();
          for (long[] run : runs) {
            statuses.merge(run[0], 1, Integer::sum);
            millis.add(run[1]);
          }
          millis.sort(null);
          System.out.printf(
              Locale.ROOT,
              "%s | %s | %d | %d%n",
              kind,
              statuses,
              millis.get(millis.size() / 2),
              millis.get(millis.size() - 1));
        });
    System.out.printf(
        Locale.ROOT,
        "heap used after the run: %.0f MiB of max %.0f MiB; health after the run: %d%n",
        meter(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\}") / 1048576,
        meter(metrics, "jvm_memory_max_bytes\\{area=\"heap\"[^}]*\\}") / 1048576,
        health.statusCode());
    failures += health.statusCode() == 200 ? 0 : 1;
    System.out.println(
        failures == 0
            ? "VERDICT: every request answered 2xx/4xx within 10 s, app up"
            : "VERDICT: " + failures + " request(s) failed the target");
    if (failures > 0) {
      System.exit(1);
    }
  }

  private void send(String kind, HttpRequest request) {
    long start = System.nanoTime();
    long status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      status = -1; // timeout, reset: a failure of the target
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    boolean ok = status >= 200 && status < 500 && millis <= LIMIT.toMillis();
    synchronized (this) {
      results.computeIfAbsent(kind, k -> new ArrayList<>()).add(new long[] {status, millis});
      failures += ok ? 0 : 1;
    }
  }

  private HttpRequest measure(String token, String body) {
    return raw(token, body);
  }

  private HttpRequest criteria(String token, String criteria) {
    return raw(
        token,
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"criteria\",\"valueString\":"
            + quote(criteria)
            + "}]}");
  }

  private HttpRequest raw(String token, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/fhir/Measure/$evaluate-measure"))
        .timeout(LIMIT.plusSeconds(5))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String token, String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(LIMIT.plusSeconds(5))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  /** The ten largest distinct cross stratifiers a request may ask for. */
  private static String largestMeasure(String criteria) {
    // every stratifier distinct (a repeated one, in any order, is refused): the four-way cross,
    // the four three-way and five two-way ones
    String[] sets = {
      STRATA,
      "\"age-at-diagnosis\",\"sex\",\"site\"",
      "\"age-at-diagnosis\",\"sex\",\"vital-status\"",
      "\"age-at-diagnosis\",\"site\",\"vital-status\"",
      "\"sex\",\"site\",\"vital-status\"",
      "\"age-at-diagnosis\",\"sex\"",
      "\"age-at-diagnosis\",\"site\"",
      "\"age-at-diagnosis\",\"vital-status\"",
      "\"sex\",\"site\"",
      "\"sex\",\"vital-status\""
    };
    StringBuilder stratifiers = new StringBuilder();
    for (int i = 0; i < sets.length; i++) {
      stratifiers.append(i == 0 ? "" : ",").append(stratifier(sets[i]));
    }
    return measureBody(criteria, stratifiers.toString());
  }

  private static String copies(int n) {
    StringBuilder stratifiers = new StringBuilder();
    for (int i = 0; i < n; i++) {
      stratifiers.append(i == 0 ? "" : ",").append(stratifier(STRATA));
    }
    return measureBody("Patient", stratifiers.toString());
  }

  private static String stratifier(String codes) {
    StringBuilder components = new StringBuilder();
    String[] parts = codes.split(",");
    for (int i = 0; i < parts.length; i++) {
      components
          .append(i == 0 ? "" : ",")
          .append("{\"code\":{\"coding\":[{\"code\":")
          .append(parts[i])
          .append("}]}}");
    }
    return parts.length == 1
        ? "{\"code\":{\"coding\":[{\"code\":" + codes + "}]}}"
        : "{\"component\":[" + components + "]}";
  }

  private static String measureBody(String criteria, String stratifiers) {
    return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"measure\",\"resource\":"
        + "{\"resourceType\":\"Measure\",\"status\":\"active\",\"group\":[{\"population\":[{\"code\":"
        + "{\"coding\":[{\"code\":\"initial-population\"}]},\"criteria\":{\"language\":"
        + "\"application/x-fhir-query\",\"expression\":"
        + quote(criteria)
        + "}}],\"stratifier\":["
        + stratifiers
        + "]}]}}]}";
  }

  /** 100 terms, each a prefix over a whole chapter or more. */
  private static String broadTerms() {
    StringBuilder terms = new StringBuilder("Condition?code:below=C");
    for (int i = 1; i < 50; i++) {
      terms.append(",C").append(i % 10);
    }
    terms.append(" OR Patient?birthdate=ge1900");
    for (int i = 1; i < 50; i++) {
      terms.append("&birthdate=lt").append(2100 + i);
    }
    return terms.toString();
  }

  private static String orChain(int n) {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < n; i++) {
      chain.append(i == 0 ? "" : " OR ").append(i % 2 == 0 ? "Condition?code:below=C" : "Patient");
    }
    return chain.toString();
  }

  private String token(String user, String password) throws Exception {
    String form =
        "grant_type=password&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("no token for " + user);
    }
    return matcher.group(1);
  }

  private static double meter(String metrics, String pattern) {
    Matcher matcher = Pattern.compile("(?m)^" + pattern + "\\s+(\\S+)").matcher(metrics);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static SSLContext trusting(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caPem))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
