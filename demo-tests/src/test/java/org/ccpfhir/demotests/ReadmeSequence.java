package org.ccpfhir.demotests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell code block of the repository's README, run by bash as it stands — the README is tested as
 * a reader would use it. Variables ({@code CCP_DEMO_DIR}, {@code CCP_DEMO_PORT_OFFSET}) come
 * through the environment, as they would from the reader's shell.
 */
final class ReadmeSequence {

  private static final Duration RUN_WITHIN = Duration.ofMinutes(5);
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

  private ReadmeSequence() {}

  /** The first {@code ```bash} block after the line {@code heading} of {@code readme}. */
  static String block(Path readme, String heading) throws IOException {
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int at = lines.indexOf(heading);
    if (at < 0) {
      throw new IllegalStateException(readme + " has no line " + heading);
    }
    int start = lines.subList(at, lines.size()).indexOf("```bash") + at;
    int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
    if (start < at || end <= start) {
      throw new IllegalStateException("no ```bash block after " + heading + " in " + readme);
    }
    return String.join("\n", lines.subList(start + 1, end)) + "\n";
  }

  /**
   * Runs {@code script} with {@code bash -c} in {@code directory}; {@code options} such as {@code
   * -e} make it stop at the first failing command as a script would.
   */
  static Result run(
      Path directory, String script, Map<String, String> environment, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash"));
    command.addAll(List.of(options));
    command.addAll(List.of("-c", script));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    // read before waiting: a full pipe would block the script
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(RUN_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("still running after " + RUN_WITHIN + ":\n" + output);
    }
    return new Result(process.exitValue(), output);
  }

  /** Exit status and everything the script printed (stdout and stderr). */
  record Result(int exit, String output) {

    /** The last {@code "total": n} printed, i.e. the answer of the last count. */
    long lastTotal() {
      Matcher m = TOTAL.matcher(output);
      long total = -1;
      while (m.find()) {
        total = Long.parseLong(m.group(1));
      }
      if (total < 0) {
        throw new IllegalStateException("no total in:\n" + output);
      }
      return total;
    }
  }
}
