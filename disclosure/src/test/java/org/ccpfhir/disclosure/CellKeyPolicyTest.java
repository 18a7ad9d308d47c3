package org.ccpfhir.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The release rule and the record sample are what the module README documents. */
class CellKeyPolicyTest {

  @Test
  void smallCountsIncludingZeroAreBelowTheFloorWhateverTheKeyAndSample() {
    SplittableRandom random = new SplittableRandom(1);
    for (double rate : new double[] {1, 0.05}) {
      CellKeyPolicy policy = new CellKeyPolicy(10, 10, rate);
      for (int count = 0; count < 10; count++) {
        for (int i = 0; i < 100; i++) {
          Released released =
              policy.release(count, count, random.nextInt(), PerturbationTable.PATIENTS);
          assertThat(released).hasToString("<10");
          assertThat(released.trueCount()).isEqualTo(count);
        }
      }
    }
  }

  @Test
  void atRateOneTheValueIsTheTablesAndDependsOnlyOnCountAndKey() {
    CellKeyPolicy policy = new CellKeyPolicy(10, 10);
    PerturbationTable table = new PerturbationTable(10, 10);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 1000; i++) {
      int count = 10 + random.nextInt(5000);
      int key = random.nextInt();
      Released released = policy.release(count, count, key, PerturbationTable.PATIENTS);
      assertThat(released.value()).isEqualTo(table.release(count, key, PerturbationTable.PATIENTS));
      assertThat(new CellKeyPolicy(10, 10).release(count, count, key, PerturbationTable.PATIENTS))
          .isEqualTo(released);
      if (!released.belowFloor()) {
        assertThat(released.value() % 10).isZero();
        assertThat(Math.abs(released.value() - count)).isLessThan(12);
      }
    }
  }

  @Test
  void aRecordOutsideTheSampleChangesNoValue() {
    double rate = 0.1;
    CellKeyPolicy policy = new CellKeyPolicy(10, 10, rate);
    SplittableRandom random = new SplittableRandom(3);
    int outside = 0;
    for (int i = 0; i < 2000; i++) {
      int person = random.nextInt();
      if (RecordSample.counts(person, rate)) {
        continue;
      }
      outside++;
      int count = 20 + random.nextInt(5000);
      int counted = (int) Math.round(count * rate);
      int key = random.nextInt();
      // the tracker pair: the set without and with her; she moves only the true count
      assertThat(policy.release(count + 1, counted, key, PerturbationTable.PATIENTS).value())
          .isEqualTo(policy.release(count, counted, key, PerturbationTable.PATIENTS).value());
    }
    assertThat(outside).isGreaterThan(1500);
  }

  @Test
  void theSampleHasTheRateAndEstimatesAreUnbiased() {
    SplittableRandom random = new SplittableRandom(4);
    for (double rate : new double[] {0.5, 0.1, 0.05}) {
      int in = 0;
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        in += RecordSample.counts(random.nextInt(), rate) ? 1 : 0;
      }
      assertThat((double) in / n).isCloseTo(rate, within(0.005));
      CellKeyPolicy policy = new CellKeyPolicy(10, 10, rate);
      double sum = 0;
      int draws = 4000;
      for (int d = 0; d < draws; d++) {
        int counted = 0;
        int key = 0;
        for (int m = 0; m < 1000; m++) {
          int k = random.nextInt();
          if (RecordSample.counts(k, rate)) {
            counted++;
            key += k;
          }
        }
        Released released = policy.release(1000, counted, key, PerturbationTable.PATIENTS);
        sum += released.belowFloor() ? 0 : released.value();
      }
      assertThat(sum / draws).as("mean estimate at rate %s", rate).isCloseTo(1000, within(15.0));
    }
  }

  @Test
  void recordKeysAreKeyedDeterministicAndSumToTheCellKey() {
    byte[] secret = new byte[32];
    new SplittableRandom(5).nextBytes(secret);
    RecordKeys keys = new RecordKeys(secret);
    assertThat(keys.key("Patient/1")).isEqualTo(new RecordKeys(secret.clone()).key("Patient/1"));
    assertThat(keys.key("Patient/1")).isNotEqualTo(keys.key("Patient/2"));
    secret[0] ^= 1;
    assertThat(new RecordKeys(secret).key("Patient/1")).isNotEqualTo(keys.key("Patient/1"));
    assertThat(keys.cellKey(List.of("Patient/1", "Patient/2")))
        .isEqualTo(keys.key("Patient/2") + keys.key("Patient/1"));
    assertThatThrownBy(() -> new RecordKeys(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parametersOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> new CellKeyPolicy(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CellKeyPolicy(10, 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CellKeyPolicy(10, 10, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
