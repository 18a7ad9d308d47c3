package org.ccpfhir.mappers.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.ObdsDocuments;

/**
 * Throughput of the oBDS mapper alone (schema validation, reading, merging, FHIR resources), one
 * thread, no profile validation and no I/O: generates {@code messages} oBDS messages in documents
 * of {@code patientsPerFile} patients (3 messages each), maps them {@code runs} times and prints
 * the median messages/s. Run through bench/mappers.sh.
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

  private static void measure(ObdsMapper mapper, List<byte[]> files, int runs, ExecutorService pool)
      throws Exception {
    map(mapper, files, pool);
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      long count = map(mapper, files, pool);
      double seconds = (System.nanoTime() - start) / 1e9;
      rates[r] = count / seconds;
      System.out.printf("  run %d: %.0f messages/s (%.2f s)%n", r + 1, rates[r], seconds);
    }
    Arrays.sort(rates);
    System.out.printf("median: %.0f messages/s%n", rates[runs / 2]);
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
