package org.ccpfhir.mdssearch.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.junit.jupiter.api.Test;

/** The policy, noise store and budget; run on H2 ({@code *Test}) and PostgreSQL ({@code *IT}). */
abstract class DisclosureContract {

  private static final DisclosureProperties POLICY = new DisclosureProperties(10, 10, 5.0, 3, 5);

  abstract DataSource dataSource();

  private boolean migrated;

  /** The test's database, migrated on first use (after the subclass has set it up). */
  DataSource db() {
    if (!migrated) {
      MdsRecordRepository.migrate(dataSource());
      migrated = true;
    }
    return dataSource();
  }

  private DisclosurePolicy policy() {
    return new DisclosurePolicy(POLICY, new NoiseRepository(db(), Clock.systemUTC()));
  }

  private static CountResult result(int patients, Map<List<String>, Integer> sexCells) {
    return new CountResult(
        patients, 0, List.of(new CountResult.Stratification(List.of(Stratifier.SEX), sexCells)));
  }

  @Test
  void smallCountsAreFlooredZeroStaysAndOthersAreRoundedNoisy() {
    DisclosurePolicy policy = policy();
    assertThat(policy.cell("q", "patients", 0).value()).isZero();
    assertThat(policy.cell("q", "patients", 7).belowFloor()).isTrue();
    assertThat(policy.cell("q", "patients", 7)).hasToString("<10");
    for (int count = 10; count < 400; count += 7) {
      Released released = policy.cell("q", "c" + count, count);
      assertThat(released.value() % 10).isZero();
      assertThat(released.value()).isGreaterThanOrEqualTo(10).isBetween(count - 80, count + 80);
    }
  }

  @Test
  void repeatingOrRestartingReleasesTheSameNumbers() {
    Map<List<String>, Integer> cells = new LinkedHashMap<>();
    cells.put(List.of("female"), 123);
    cells.put(List.of("male"), 77);
    cells.put(List.of("other"), 4);
    ReleasedCounts first = policy().release("q1", result(204, cells));
    for (int i = 0; i < 5; i++) {
      // a new policy instance is a restart: only the database is shared
      ReleasedCounts again = policy().release("q1", result(204, cells));
      assertThat(again.patients()).isEqualTo(first.patients());
      assertThat(again.stratifications()).isEqualTo(first.stratifications());
    }
  }

  @Test
  void strataAreConsistentWithTheTotal() {
    for (int q = 0; q < 200; q++) {
      Map<List<String>, Integer> cells = new LinkedHashMap<>();
      int a = 10 + q * 3;
      int b = 3 + q % 40;
      int c = q % 9;
      cells.put(List.of("female"), a);
      cells.put(List.of("male"), b);
      if (c > 0) {
        cells.put(List.of("other"), c);
      }
      ReleasedCounts released = policy().release("q" + q, result(a + b + c, cells));
      int total = released.patients().value();
      Map<List<String>, Released> strata = released.stratifications().get(0).cells();
      int shown =
          strata.values().stream().filter(r -> !r.belowFloor()).mapToInt(Released::value).sum();
      int floored = (int) strata.values().stream().filter(Released::belowFloor).count();
      assertThat(shown).as("query %d", q).isLessThanOrEqualTo(total);
      assertThat(total).as("query %d", q).isLessThanOrEqualTo(shown + 9 * floored);
    }
  }

  @Test
  void budgetRefusesBeyondTheHourlyAndWeeklyLimits() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    QueryBudget budget = new QueryBudget(db(), POLICY, clock);
    for (int i = 0; i < 3; i++) {
      budget.charge("alice");
    }
    assertThatThrownBy(() -> budget.charge("alice"))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("3 queries per hour");
    budget.charge("bob");
    clock.advance(Duration.ofMinutes(61));
    budget.charge("alice");
    budget.charge("alice");
    assertThatThrownBy(() -> budget.charge("alice"))
        .hasMessageContaining("5 queries per week")
        .isInstanceOfSatisfying(
            BudgetExceededException.class,
            e -> assertThat(e.retryAfter()).isGreaterThan(Duration.ofDays(6)));
    // persisted: a new instance (restart) sees the same log
    assertThatThrownBy(() -> new QueryBudget(db(), POLICY, clock).charge("alice"))
        .isInstanceOf(BudgetExceededException.class);
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
