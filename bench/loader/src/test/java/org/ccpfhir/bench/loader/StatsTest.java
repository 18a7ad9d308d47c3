package org.ccpfhir.bench.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of())).isZero();
  }

  @Test
  void nearestRankPercentile() {
    List<Long> values = List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
    assertThat(Stats.percentile(values, 50)).isEqualTo(50L);
    assertThat(Stats.percentile(values, 95)).isEqualTo(100L);
    assertThat(Stats.percentile(List.of(), 95)).isZero();
  }
}
