package org.ccpfhir.bench.heap;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Validates N synthetic patients with the shared {@link MdsValidator} (as the bridgehead does,
 * entry by entry on a few threads) and prints the heap after a full GC every so many patients. The
 * retained heap must stay flat: anything the validator keeps per resource shows as a slope.
 *
 * <p>usage: {@code HeapBench [--patients N] [--every E] [--threads T] [--seed S]}
 */
public final class HeapBench {

  private HeapBench() {}

  public static void main(String[] args) throws Exception {
    int patients = 10_000;
    int every = 1_000;
    int threads = 2;
    long seed = 42;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--patients" -> patients = Integer.parseInt(value);
        case "--every" -> every = Integer.parseInt(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FhirContext ctx = FhirContext.forR4Cached();
    MdsValidator validator = MdsValidator.create(ctx);
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(seed, "HD", EntryMode.PUT, false);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong resources = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    System.out.printf("patients  resources  errors  heap-after-GC-MiB  seconds%n");
    System.out.printf("%8d  %9d  %6d  %17d  %7.1f%n", 0, 0, 0, heapAfterGc(), 0.0);
    long first = -1;
    long last = 0;
    for (int p = 1; p <= patients; p++) {
      Bundle bundle = generator.patient(p - 1);
      List<Future<?>> futures = new ArrayList<>();
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        futures.add(
            pool.submit(
                () -> {
                  ValidationResult result = validator.validate(entry.getResource());
                  resources.incrementAndGet();
                  if (result.getMessages().stream()
                      .anyMatch(
                          m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())) {
                    errors.incrementAndGet();
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      if (p % every == 0 || p == patients) {
        last = heapAfterGc();
        if (first < 0) {
          first = last;
        }
        System.out.printf(
            "%8d  %9d  %6d  %17d  %7.1f%n",
            p, resources.get(), errors.get(), last, (System.nanoTime() - start) / 1e9);
      }
    }
    pool.shutdown();
    System.out.printf(
        "heap after GC at the first mark %d MiB, at the end %d MiB (%+.1f %%)%n",
        first, last, first > 0 ? 100.0 * (last - first) / first : 0.0);
  }

  private static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used / (1024 * 1024);
  }
}
