package org.ccpfhir.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table is what the module README documents. */
class PerturbationTableTest {

  @Test
  void perturbationsHaveTheDocumentedProbabilities() {
    Map<Integer, Integer> seen = new TreeMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      seen.merge(PerturbationTable.perturbation((i + 0.5) / n), 1, Integer::sum);
    }
    assertThat(seen)
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of(-2, 10_000, -1, 20_000, 0, 40_000, 1, 20_000, 2, 10_000)));
  }

  @Test
  void roundingIsUnbiasedForEveryResidue() {
    PerturbationTable table = new PerturbationTable(10, 10);
    SplittableRandom keys = new SplittableRandom(9);
    for (int count = 30; count < 40; count++) {
      long sum = 0;
      int draws = 40_000;
      for (int i = 0; i < draws; i++) {
        Integer released = table.release(count, keys.nextInt(), PerturbationTable.PATIENTS);
        assertThat(released).isIn(20, 30, 40, 50);
        sum += released;
      }
      assertThat((double) sum / draws).isBetween(count - 0.3, count + 0.3);
    }
  }

  @Test
  void theSamePatientsAndSamplesCellsAreSeparateDraws() {
    PerturbationTable table = new PerturbationTable(10, 10);
    int same = 0;
    for (int key = 0; key < 1000; key++) {
      same +=
          table
                  .release(45, key * 7919, PerturbationTable.PATIENTS)
                  .equals(table.release(45, key * 7919, PerturbationTable.SAMPLES))
              ? 1
              : 0;
    }
    assertThat(same).isBetween(300, 800);
  }
}
