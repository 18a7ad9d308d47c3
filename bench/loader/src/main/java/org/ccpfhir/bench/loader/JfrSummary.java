package org.ccpfhir.bench.loader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a flight recording: the hottest
 * methods by self time, the threads that burn the CPU, and the share of samples in which each
 * component is on the stack (where the time goes). Equivalent to reading {@code jfr print --events
 * jdk.ExecutionSample} by hand.
 */
public final class JfrSummary {

  /** Components by package prefix, in report order; a sample may count for several. */
  private static final Map<String, List<String>> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("bridgehead ingest (all of it)", List.of("org.ccpfhir.bridgehead.ingest."));
    COMPONENTS.put(
        "profile validation (HL7 validator)",
        List.of("org.hl7.fhir.validation.", "ca.uhn.fhir.validation.", "org.ccpfhir.profiles."));
    COMPONENTS.put(
        "FHIRPath / HL7 core utils", List.of("org.hl7.fhir.r5.", "org.hl7.fhir.r4.utils."));
    COMPONENTS.put("FHIR JSON parse/encode", List.of("ca.uhn.fhir.parser."));
    COMPONENTS.put(
        "HAPI transaction processing", List.of("ca.uhn.fhir.jpa.dao.BaseTransactionProcessor"));
    COMPONENTS.put("search-param indexing", List.of("ca.uhn.fhir.jpa.searchparam.extractor."));
    COMPONENTS.put("HAPI JPA (all)", List.of("ca.uhn.fhir.jpa."));
    COMPONENTS.put("Hibernate", List.of("org.hibernate."));
    COMPONENTS.put("PostgreSQL JDBC", List.of("org.postgresql."));
    COMPONENTS.put("Tomcat / servlet", List.of("org.apache.catalina.", "org.apache.coyote."));
  }

  private final int top;
  private final Instant since;

  /**
   * @param top how many hot methods to list
   * @param since ignore samples taken before this instant (start-up, warm-up)
   */
  public JfrSummary(int top, Instant since) {
    this.top = top;
    this.since = since;
  }

  /** Reads the recording and prints the summary. */
  public void print(Path recording, PrintStream out) throws IOException {
    Map<String, Integer> selfTime = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> components = new LinkedHashMap<>();
    COMPONENTS.keySet().forEach(name -> components.put(name, 0));
    int samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")
            || event.getStartTime().isBefore(since)) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        selfTime.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
        RecordedThread thread = event.getThread("sampledThread");
        threads.merge(threadGroup(thread), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
          String type = frame.getMethod().getType().getName();
          COMPONENTS.forEach(
              (component, prefixes) -> {
                if (prefixes.stream().anyMatch(type::startsWith)) {
                  seen.add(component);
                }
              });
        }
        seen.forEach(component -> components.merge(component, 1, Integer::sum));
      }
    }
    out.printf("CPU samples (jdk.ExecutionSample): %d%n", samples);
    if (samples == 0) {
      return;
    }
    out.println("\nWhere the time goes (share of samples with the component on the stack):");
    printShares(components, samples, Integer.MAX_VALUE, out);
    out.println("\nThreads (digits folded):");
    printShares(sortByCount(threads), samples, 10, out);
    out.printf("%nTop %d methods by self time:%n", top);
    printShares(sortByCount(selfTime), samples, top, out);
  }

  private static void printShares(
      Map<String, Integer> counts, int samples, int limit, PrintStream out) {
    counts.entrySet().stream()
        .limit(limit)
        .forEach(
            e ->
                out.printf(
                    Locale.ROOT,
                    "  %5.1f%% %7d  %s%n",
                    100.0 * e.getValue() / samples,
                    e.getValue(),
                    e.getKey()));
  }

  private static Map<String, Integer> sortByCount(Map<String, Integer> counts) {
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static String threadGroup(RecordedThread thread) {
    if (thread == null) {
      return "(unknown)";
    }
    String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    return name == null ? "(unnamed)" : name.replaceAll("\\d+", "#");
  }
}
