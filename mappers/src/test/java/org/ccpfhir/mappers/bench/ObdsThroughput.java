package org.ccpfhir.mappers.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Throughput of the oBDS mapper alone (schema validation, reading, merging, FHIR resources), one
 * thread, no profile validation and no I/O: generates {@code messages} oBDS messages in documents
 * of {@code patientsPerFile} patients (3 messages each), maps them {@code runs} times and prints
 * messages/s per run, the median and spread, and a same-run baseline (the same bytes through a
 * plain SAX parse) with the mapper's ratio to it. Run through bench/mappers.sh.
 *
 * <p>Arguments: messages (default 30000), runs (5), patientsPerFile (20), threads (1; files are
 * then mapped in parallel, as {@code ccp-etl --threads} does).
 */
public final class ObdsThroughput {

  private ObdsThroughput() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int perFile = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int patients = Math.max(1, messages / ObdsDocuments.MESSAGES_PER_PATIENT);
    List<byte[]> files = new ArrayList<>();
    for (int first = 0; first < patients; first += perFile) {
      int n = Math.min(perFile, patients - first);
      files.add(ObdsDocuments.document(first, n).getBytes(StandardCharsets.UTF_8));
    }
    ObdsMapper mapper = new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("BENCH")));
    System.out.printf(
        "oBDS mapper: %d messages (%d patients) in %d files, %d thread(s), %d runs + warm-up%n",
        patients * ObdsDocuments.MESSAGES_PER_PATIENT, patients, files.size(), threads, runs);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      measure(mapper, files, runs, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Each run maps every file and, right before, parses the same bytes with the JDK's SAX parser
   * alone (namespace-aware, no schema, no tree: the least any XML import costs). Both run on the
   * same machine state, so their ratio says how the mapper compares when other processes load the
   * machine and absolute figures jump.
   */
  private static void measure(ObdsMapper mapper, List<byte[]> files, int runs, ExecutorService pool)
      throws Exception {
    parseOnly(files, pool);
    map(mapper, files, pool);
    double[] rates = new double[runs];
    double[] baseline = new double[runs];
    double[] ratios = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      long parsed = parseOnly(files, pool);
      double parseSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      long count = map(mapper, files, pool);
      double seconds = (System.nanoTime() - start) / 1e9;
      rates[r] = count / seconds;
      baseline[r] = parsed / parseSeconds;
      ratios[r] = rates[r] / baseline[r];
      System.out.printf(
          "  run %d: mapper %.0f messages/s (%.2f s); XML parse only %.0f messages/s (%.2f s);"
              + " ratio %.3f%n",
          r + 1, rates[r], seconds, baseline[r], parseSeconds, ratios[r]);
    }
    System.out.printf(
        "mapper:          median %.0f messages/s, spread %.0f - %.0f (interquartile %.0f - %.0f)%n",
        median(rates), min(rates), max(rates), quartile(rates, 1), quartile(rates, 3));
    System.out.printf(
        "XML parse only:  median %.0f messages/s, spread %.0f - %.0f%n",
        median(baseline), min(baseline), max(baseline));
    System.out.printf(
        "mapper / parse:  median ratio %.3f (%.3f - %.3f)%n",
        median(ratios), min(ratios), max(ratios));
    System.out.printf(
        "target >= 2000 messages/s: %s (median)%n", median(rates) >= 2000 ? "met" : "NOT met");
  }

  /** The messages in the files, counted while the JDK's SAX parser reads them (no schema). */
  private static long parseOnly(List<byte[]> files, ExecutorService pool) throws Exception {
    List<Future<Long>> futures = new ArrayList<>();
    for (byte[] file : files) {
      futures.add(pool.submit(() -> countMessages(file)));
    }
    long messages = 0;
    for (Future<Long> f : futures) {
      messages += f.get();
    }
    return messages;
  }

  private static final ThreadLocal<SAXParser> SAX =
      ThreadLocal.withInitial(
          () -> {
            try {
              SAXParserFactory factory = SAXParserFactory.newInstance();
              factory.setNamespaceAware(true);
              return factory.newSAXParser();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });

  private static long countMessages(byte[] file) throws Exception {
    long[] messages = {0};
    SAX.get()
        .parse(
            new ByteArrayInputStream(file),
            new DefaultHandler() {
              @Override
              public void startElement(
                  String uri, String localName, String qName, Attributes attributes) {
                if (localName.equals("Meldung")) {
                  messages[0]++;
                }
              }
            });
    return messages[0];
  }

  private static double median(double[] values) {
    return quartile(values, 2);
  }

  /** Quartile q (1, 2, 3) by the nearest-rank method. */
  private static double quartile(double[] values, int q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q / 4.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static long map(ObdsMapper mapper, List<byte[]> files, ExecutorService pool)
      throws Exception {
    List<Future<MappedFile>> futures = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] file = files.get(i);
      String name = "bench-" + i + ".xml";
      futures.add(pool.submit(() -> mapper.map(new ByteArrayInputStream(file), name)));
    }
    long messages = 0;
    long resources = 0;
    for (Future<MappedFile> f : futures) {
      MappedFile out = f.get();
      messages += out.messages();
      resources += out.resources();
    }
    if (resources == 0) {
      throw new IllegalStateException("nothing mapped");
    }
    return messages;
  }
}
