package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleasedCountTest {

  @ParameterizedTest
  @CsvSource({"0, 0", "1, <10", "9, <10", "10, 10", "14, 10", "15, 20", "23, 20", "1234, 1230"})
  void smallCountsAreFlooredAndOthersRounded(int trueCount, String released) {
    ReleasedCount count = ReleasedCount.of(trueCount, 10, 10);
    assertThat(count.text()).isEqualTo(released);
    assertThat(ReleasedCount.parse(count.text())).isEqualTo(count);
  }

  @ParameterizedTest
  @CsvSource({"3, 5, 5, <5", "7, 5, 5, 5", "6, 5, 20, 5"})
  void theFloorAndRoundingAreTheSitesChoice(
      int trueCount, int floor, int rounding, String released) {
    assertThat(ReleasedCount.of(trueCount, floor, rounding).text()).isEqualTo(released);
  }
}
