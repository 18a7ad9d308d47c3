package org.ccpfhir.bench.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code search} command: the page's searches ({@code queries.tsv} of {@link SampleData}) as
 * one user at a time at the page would send them — one connection, one request after the other —
 * for each user given, {@code --warmup} rounds not counted, then {@code --reps} rounds; in each
 * round every query once, in an order rotated from round to round, so that a slow phase of the
 * machine hits every query alike. Prints, per user and query, the entries of the first page, p50 /
 * p95 / p25–p75 / max of the latency, and the ratio of p50 and p95 to the {@code baseline} query of
 * the same user. A query answered with anything but 200, or a first page that does not fit the
 * store's count of matches (a site-wide user: min(100, matches) entries; a scoped user: at most
 * that, and some when there are matches), fails the command.
 */
final class SearchCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Query(String name, String query) {}

  private SearchCommand() {}

  /**
   * {@code search --url URL --queries FILE --count-token TOKEN --user NAME=TOKEN [--scoped-user
   * NAME=TOKEN ...] [--reps R] [--warmup W]}: {@code --user} sees every sample, {@code
   * --scoped-user} part of them (department-scoped visibility); the count token is a site-wide
   * user's, whose {@code _summary=count} gives the matches of each query.
   */
  static int run(String[] args, PrintStream out) throws Exception {
    URI url = null;
    Path queries = null;
    Map<String, String> users = new LinkedHashMap<>();
    java.util.Set<String> scopedUsers = new java.util.HashSet<>();
    String counter = null;
    int reps = 50;
    int warmup = 5;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = URI.create(value.endsWith("/") ? value : value + "/");
        case "--queries" -> queries = Path.of(value);
        case "--user", "--scoped-user" -> {
          int eq = value.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException(args[i] + " NAME=TOKEN");
          }
          users.put(value.substring(0, eq), value.substring(eq + 1));
          if (args[i].equals("--scoped-user")) {
            scopedUsers.add(value.substring(0, eq));
          }
        }
        case "--count-token" -> counter = value;
        case "--reps" -> reps = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null || queries == null || users.isEmpty() || counter == null || reps < 1) {
      throw new IllegalArgumentException(
          "--url, --queries, --user, --count-token and --reps >= 1 are required");
    }
    List<Query> list = read(queries);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // what the data hold, counted by a site-wide user (the store's own count)
    Map<String, Integer> matches = new LinkedHashMap<>();
    for (Query q : list) {
      String criteria = q.query().replaceAll("&?_(count|sort)=[^&]*", "");
      HttpResponse<byte[]> count =
          get(http, url, (criteria.isEmpty() ? "" : criteria + "&") + "_summary=count", counter);
      if (count.statusCode() != 200) {
        out.printf("FAILED counting %s: HTTP %d%n", q.name(), count.statusCode());
        return 1;
      }
      matches.put(q.name(), JSON.readTree(count.body()).path("total").asInt(-1));
    }
    int failures = 0;
    out.printf(
        Locale.ROOT,
        "%-18s %-22s %9s %7s %8s %8s %15s %8s %9s %9s%n",
        "user",
        "query",
        "matches",
        "page",
        "p50_ms",
        "p95_ms",
        "p25..p75_ms",
        "max_ms",
        "p50/base",
        "p95/base");
    for (Map.Entry<String, String> user : users.entrySet()) {
      Map<String, List<Long>> times = new LinkedHashMap<>();
      Map<String, Integer> entries = new LinkedHashMap<>();
      list.forEach(q -> times.put(q.name(), new ArrayList<>()));
      for (int round = 0; round < warmup + reps; round++) {
        for (int k = 0; k < list.size(); k++) {
          Query q = list.get((k + round) % list.size());
          long t0 = System.nanoTime();
          HttpResponse<byte[]> response = get(http, url, q.query(), user.getValue());
          long micros = (System.nanoTime() - t0) / 1_000;
          if (response.statusCode() != 200) {
            out.printf(
                "FAILED %s %s: HTTP %d %s%n",
                user.getKey(),
                q.name(),
                response.statusCode(),
                new String(response.body(), StandardCharsets.UTF_8)
                    .substring(0, Math.min(400, response.body().length)));
            return 1;
          }
          if (round >= warmup) {
            times.get(q.name()).add(micros);
          }
          if (round == 0) {
            entries.put(q.name(), JSON.readTree(response.body()).path("entry").size());
          }
        }
      }
      List<Long> base = times.get("baseline");
      for (Query q : list) {
        List<Long> t = times.get(q.name());
        int page = entries.get(q.name());
        int all = matches.get(q.name());
        // a unit-scoped user sees part of the matches: at most as many, and some of them
        boolean scoped = scopedUsers.contains(user.getKey());
        if (page > Math.min(100, all)
            || (!scoped && page != Math.min(100, all))
            || (scoped && all > 0 && page == 0)) {
          out.printf(
              "FAILED %s %s: first page has %d entries, the store has %d matches%n",
              user.getKey(), q.name(), page, all);
          failures++;
        }
        out.printf(
            Locale.ROOT,
            "%-18s %-22s %9d %7d %8.1f %8.1f %15s %8.1f %9s %9s%n",
            user.getKey(),
            q.name(),
            all,
            page,
            ms(Stats.percentile(t, 50)),
            ms(Stats.percentile(t, 95)),
            String.format(
                Locale.ROOT,
                "%.1f..%.1f",
                ms(Stats.percentile(t, 25)),
                ms(Stats.percentile(t, 75))),
            ms(Stats.percentile(t, 100)),
            ratio(t, base, 50),
            ratio(t, base, 95));
        out.printf(
            Locale.ROOT,
            "RESULT user=%s query=%s matches=%d page=%d n=%d p50_ms=%.1f p95_ms=%.1f max_ms=%.1f%n",
            user.getKey(),
            q.name(),
            all,
            page,
            t.size(),
            ms(Stats.percentile(t, 50)),
            ms(Stats.percentile(t, 95)),
            ms(Stats.percentile(t, 100)));
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI url, String query, String token)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url.resolve("Specimen?" + query.replace("|", "%7C")))
            .timeout(Duration.ofMinutes(2))
            .header("Accept", "application/fhir+json")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<Query> read(Path file) throws IOException {
    List<Query> queries = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      queries.add(new Query(f[0], f[1]));
    }
    if (queries.stream().noneMatch(q -> q.name().equals("baseline"))) {
      throw new IOException(file + " has no baseline query");
    }
    return queries;
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static String ratio(List<Long> values, List<Long> base, int percent) {
    long b = Stats.percentile(base, percent);
    return b == 0
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f", (double) Stats.percentile(values, percent) / b);
  }
}
