package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.disclosure.CellKeyPolicy;
import org.ccpfhir.disclosure.PerturbationTable;
import org.ccpfhir.disclosure.RecordKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The approver's released count is the network's release policy, written as "20" or "<10". */
class ReleasedCountTest {

  private final CellKeyPolicy policy = new CellKeyPolicy(10, 10);
  private final RecordKeys keys = new RecordKeys(new byte[32]);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9})
  void smallCountsIncludingZeroAreBelowTheFloor(int matches) {
    assertThat(released(patients(matches, "p")).text()).isEqualTo("<10");
  }

  @Test
  void theSameMatchesReleaseTheSameValueAndValuesAreRoundedAndNear() {
    for (int n = 10; n < 400; n += 7) {
      ReleasedCount count = released(patients(n, "p"));
      assertThat(released(patients(n, "p"))).isEqualTo(count);
      assertThat(ReleasedCount.parse(count.text())).isEqualTo(count);
      if (count.count() != null) {
        assertThat(count.count() % 10).isZero();
        assertThat(Math.abs(count.count() - n)).isLessThan(12);
      }
    }
  }

  @Test
  void otherPatientsOfTheSameNumberAreAnotherDraw() {
    int differ = 0;
    for (int set = 0; set < 100; set++) {
      differ += released(patients(45, "a" + set)).equals(released(patients(45, "b" + set))) ? 0 : 1;
    }
    assertThat(differ).isPositive();
  }

  private ReleasedCount released(List<String> matches) {
    return ReleasedCount.of(
        policy.release(
            matches.size(), matches.size(), keys.cellKey(matches), PerturbationTable.PATIENTS));
  }

  private static List<String> patients(int n, String prefix) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("Patient/" + prefix + i);
    }
    return ids;
  }
}
