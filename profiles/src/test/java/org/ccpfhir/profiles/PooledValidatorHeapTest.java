package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled core validators must not keep anything of the resources they validated: fhir-core
 * 6.7's InstanceValidator remembers every coding (with its element tree) it has seen, which ran a 1
 * GiB bridgehead out of memory after ~430 patients (~1.5 MiB per patient, ~75 KiB per resource).
 */
class PooledValidatorHeapTest {

  private static final Logger LOG = LoggerFactory.getLogger(PooledValidatorHeapTest.class);
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final long MIB = 1024 * 1024;

  @Test
  void everyGrowingFieldOfTheCoreValidatorCanBeCleared() {
    // fails after a fhir-core upgrade that renamed one: check ValidatorResidue's list again
    assertThat(ValidatorResidue.clearable()).isTrue();
  }

  @Test
  void retainedHeapStaysFlatOverAThousandValidations() {
    MdsValidator validator = MdsValidator.create(CTX);
    List<IBaseResource> resources =
        MdsExamples.all().stream()
            .filter(e -> e.kind() != MdsExamples.Kind.INVALID)
            .map((Example e) -> e.parse(CTX))
            .toList();
    int count = 0;
    while (count < 200) {
      count += validateOnce(validator, resources, 200 - count);
    }
    long afterWarmUp = retainedHeap();
    while (count < 1000) {
      count += validateOnce(validator, resources, 1000 - count);
    }
    long afterAll = retainedHeap();
    LOG.info(
        "retained heap after 200 validations {} KiB, after 1000 {} KiB",
        afterWarmUp / 1024,
        afterAll / 1024);
    // the leak kept ~60 MiB for these 800 validations; allow noise from caches and class loading
    assertThat(afterAll - afterWarmUp).isLessThan(6 * MIB);
  }

  private static int validateOnce(MdsValidator validator, List<IBaseResource> resources, int max) {
    int done = 0;
    for (IBaseResource resource : resources) {
      if (done == max) {
        break;
      }
      // a fresh copy, so that nothing retained can be shared with the next round
      Resource copy = ((Resource) resource).copy();
      validator.validate(copy);
      done++;
    }
    return done;
  }

  private static long retainedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // several full collections: soft references and finalizable objects need more than one
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
