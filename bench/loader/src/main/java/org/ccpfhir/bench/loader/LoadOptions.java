package org.ccpfhir.bench.loader;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Arguments of the {@code load} command. */
public record LoadOptions(
    URI url,
    int clients,
    Duration requestTimeout,
    int showFailures,
    Optional<Path> warmup,
    List<Path> rounds,
    Optional<String> bearerToken,
    Optional<Duration> stopAfter) {

  public LoadOptions {
    if (clients < 1) {
      throw new IllegalArgumentException("--clients must be at least 1");
    }
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("at least one --round DIR is required");
    }
    rounds = List.copyOf(rounds);
  }

  /** Parses {@code --name value} pairs. */
  public static LoadOptions parse(String[] args) {
    URI url = null;
    int clients = 4;
    Duration timeout = Duration.ofMinutes(5);
    int showFailures = 3;
    Optional<Path> warmup = Optional.empty();
    List<Path> rounds = new ArrayList<>();
    Optional<String> token = Optional.empty();
    Optional<Duration> stopAfter = Optional.empty();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + args[i]);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = URI.create(value.endsWith("/") ? value : value + "/");
        case "--clients" -> clients = Integer.parseInt(value);
        case "--timeout-s" -> timeout = Duration.ofSeconds(Long.parseLong(value));
        case "--show-failures" -> showFailures = Integer.parseInt(value);
        case "--warmup" -> warmup = Optional.of(Path.of(value));
        case "--round" -> rounds.add(Path.of(value));
        case "--token" -> token = Optional.of(value);
        case "--stop-after-s" -> stopAfter = Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    return new LoadOptions(url, clients, timeout, showFailures, warmup, rounds, token, stopAfter);
  }
}
