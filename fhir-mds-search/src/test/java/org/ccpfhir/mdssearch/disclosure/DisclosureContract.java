package org.ccpfhir.mdssearch.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The cell-key policy, the budget of cells and the release record; the persisted parts run on H2
 * ({@code *Test}) and PostgreSQL ({@code *IT}).
 */
abstract class DisclosureContract {

  private static final DisclosureProperties POLICY =
      new DisclosureProperties(
          10, 10, 30, 50, 1, new DisclosureProperties.Limits(100, 10, 4, 10000));

  abstract DataSource dataSource();

  private boolean migrated;

  /** The test's database, migrated on first use (after the subclass has set it up). */
  DataSource db() {
    if (!migrated) {
      MdsRecordRepository.SCHEMA.migrate(dataSource());
      migrated = true;
    }
    return dataSource();
  }

  @Test
  void smallCountsIncludingZeroAreFlooredWhateverTheKey() {
    DisclosurePolicy policy = new DisclosurePolicy(POLICY);
    Random keys = new Random(1);
    for (int count = 0; count < 10; count++) {
      for (int i = 0; i < 200; i++) {
        Released released = policy.patients(new Cell(count, keys.nextInt()));
        assertThat(released.belowFloor()).isTrue();
        assertThat(released).hasToString("<10");
      }
    }
  }

  @Test
  void releasedValuesAreBoundedMultiplesOfTheRounding() {
    DisclosurePolicy policy = new DisclosurePolicy(POLICY);
    Random keys = new Random(2);
    for (int count = 10; count < 2000; count += 3) {
      for (int i = 0; i < 20; i++) {
        Released released = policy.patients(new Cell(count, keys.nextInt()));
        if (released.belowFloor()) {
          assertThat(count).as("only counts near the floor may fall below it").isLessThan(12);
          continue;
        }
        assertThat(released.value() % 10).isZero();
        assertThat(Math.abs(released.value() - count)).isLessThan(10 + 2);
      }
    }
  }

  @Test
  void aCellsValueDependsOnlyOnItsCountAndKey() {
    // a new policy instance is a restart: nothing is stored, nothing is re-drawn
    Random keys = new Random(3);
    for (int i = 0; i < 1000; i++) {
      Cell cell = new Cell(10 + keys.nextInt(500), keys.nextInt());
      assertThat(new DisclosurePolicy(POLICY).patients(cell))
          .isEqualTo(new DisclosurePolicy(POLICY).patients(cell));
    }
  }

  @Test
  void theTableIsUnbiasedAndEveryCountHasSeveralOutcomes() {
    DisclosurePolicy policy = new DisclosurePolicy(POLICY);
    Random keys = new Random(4);
    for (int count : new int[] {20, 43, 47, 50, 155}) {
      double sum = 0;
      Set<Integer> outcomes = new TreeSet<>();
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        int value = policy.patients(new Cell(count, keys.nextInt())).value();
        sum += value;
        outcomes.add(value);
      }
      assertThat(sum / n).as("mean released for %d", count).isCloseTo(count, within(0.5));
      // a multiple of ten is not released as itself for sure: the table's noise reaches past it
      assertThat(outcomes).as("outcomes for %d", count).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void samplesAreAnotherMeasureThanPatients() {
    DisclosurePolicy policy = new DisclosurePolicy(POLICY);
    Random keys = new Random(5);
    int differ = 0;
    for (int i = 0; i < 200; i++) {
      Cell cell = new Cell(45, keys.nextInt());
      ReleasedCounts released = policy.release("q", new CountResult(cell, cell, List.of()));
      differ += released.patients().equals(released.samples()) ? 0 : 1;
    }
    assertThat(differ).isPositive();
  }

  @Test
  void budgetChargesCellsAndRefusesBeyondTheHourlyAndWeeklyLimits() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    QueryBudget budget = new QueryBudget(db(), POLICY, clock);
    for (int i = 0; i < 3; i++) {
      budget.check("alice", 10);
      budget.charge("alice", 10, "query " + i);
    }
    assertThatThrownBy(() -> budget.check("alice", 1))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("30 cells per hour");
    assertThatThrownBy(() -> budget.charge("alice", 1, "refused"))
        .isInstanceOf(BudgetExceededException.class);
    assertThat(budget.spent("alice")).isEqualTo(30);
    assertThat(budget.releases("alice")).as("a refusal writes no release record").isEqualTo(3);
    budget.charge("bob", 30, "bob's");
    clock.advance(Duration.ofMinutes(61));
    budget.charge("alice", 10, "query 3");
    budget.charge("alice", 10, "query 4");
    assertThatThrownBy(() -> budget.check("alice", 1))
        .hasMessageContaining("50 cells per week")
        .isInstanceOfSatisfying(
            BudgetExceededException.class,
            e -> assertThat(e.retryAfter()).isGreaterThan(Duration.ofDays(6)));
    // persisted: a new instance (restart) sees the same log
    assertThatThrownBy(() -> new QueryBudget(db(), POLICY, clock).check("alice", 1))
        .isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void chargeAndReleaseRecordCommitTogetherOrNotAtAll() {
    QueryBudget budget = new QueryBudget(db(), POLICY, Clock.systemUTC());
    // a release record that cannot be written (no detail) takes its charge with it
    assertThatThrownBy(() -> budget.charge("carol", 5, null))
        .isInstanceOf(DataAccessException.class);
    assertThat(budget.spent("carol")).isZero();
    assertThat(budget.releases("carol")).isZero();
    budget.charge("carol", 5, "patients true=3 released=<10");
    assertThat(budget.spent("carol")).isEqualTo(5);
    assertThat(budget.releases("carol")).isEqualTo(1);
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
