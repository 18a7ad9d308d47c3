package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.util.*;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PerfScratchTest {
  @Test
  void perf() throws Exception {
    FhirContext ctx = FhirContext.forR4Cached();
    MdsValidator v = MdsValidator.create(ctx);
    List<Examples> all = Examples.all();
    for (Examples e : all) v.validate(e.parse(ctx));
    Thread main = Thread.currentThread();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    int[] samples = {0};
    Thread sampler =
        new Thread(
            () -> {
              while (!stop.get()) {
                StackTraceElement[] st = main.getStackTrace();
                samples[0]++;
                Set<String> seen = new HashSet<>();
                for (StackTraceElement f : st) {
                  String k = f.getClassName() + "." + f.getMethodName();
                  if (seen.add(k)) inclusive.merge(k, 1, Integer::sum);
                }
                if (st.length > 0)
                  self.merge(st[0].getClassName() + "." + st[0].getMethodName(), 1, Integer::sum);
                try {
                  Thread.sleep(3);
                } catch (InterruptedException ex) {
                  return;
                }
              }
            });
    sampler.start();
    long s = System.nanoTime();
    int n = 0;
    for (int round = 0; round < 10; round++)
      for (Examples e : all) {
        v.validate(e.parse(ctx));
        n++;
      }
    double ms = (System.nanoTime() - s) / 1e6 / n;
    stop.set(true);
    sampler.join();
    System.out.printf("PERF %.2f ms/resource, samples %d%n", ms, samples[0]);
    inclusive.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(70)
        .forEach(en -> System.out.println("INCL " + en.getValue() + " " + en.getKey()));
    self.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(25)
        .forEach(en -> System.out.println("SELF " + en.getValue() + " " + en.getKey()));
  }
}
