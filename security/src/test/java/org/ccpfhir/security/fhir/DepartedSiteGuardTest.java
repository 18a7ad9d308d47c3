package org.ccpfhir.security.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DepartedSiteGuardTest {

  /** The app's table, counting how often the guard reads it. */
  private static final class Table implements DepartedSites {
    final Set<String> rows = new HashSet<>();
    final AtomicInteger reads = new AtomicInteger();
    Runnable duringRead = () -> {};

    @Override
    public Set<String> departedSites() {
      reads.incrementAndGet();
      Set<String> answer = Set.copyOf(rows);
      duringRead.run();
      return answer;
    }
  }

  private static final class TestClock extends Clock {
    long ms = 1_000_000;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }

  private final Table table = new Table();
  private final TestClock clock = new TestClock();
  private final DepartedSiteGuard guard =
      new DepartedSiteGuard(table, Duration.ofSeconds(30), clock);

  @Test
  void aDepartedSiteIsRefusedWithItsNameAndOthersPass() {
    table.rows.add("HD");

    assertThatThrownBy(() -> guard.check("HD"))
        .isInstanceOf(ForbiddenOperationException.class)
        .hasMessage("site HD has left the network");
    assertThatCode(() -> guard.check("TUE")).doesNotThrowAnyException();
    assertThatCode(() -> guard.check(null)).doesNotThrowAnyException();
  }

  @Test
  void theTableIsReadOncePerTimeToLiveNotPerRequest() {
    for (int i = 0; i < 100; i++) {
      guard.check("TUE");
    }
    assertThat(table.reads).hasValue(1);

    clock.ms += 29_999;
    guard.check("TUE");
    assertThat(table.reads).hasValue(1);

    clock.ms += 1;
    guard.check("TUE");
    assertThat(table.reads).hasValue(2);
  }

  @Test
  void anotherNodesDepartureIsSeenAfterTheTimeToLive() {
    assertThat(guard.departed("HD")).isFalse();
    table.rows.add("HD");

    assertThat(guard.departed("HD")).isFalse();
    clock.ms += 30_000;
    assertThat(guard.departed("HD")).isTrue();
  }

  @Test
  void aDepartureRecordedHereIsRefusedAtOnceEvenBeforeItIsWritten() {
    assertThat(guard.departed("HD")).isFalse();

    guard.recorded("HD");

    assertThat(guard.departed("HD")).isTrue();
    table.rows.add("HD");
    assertThat(guard.departed("HD")).isTrue();
    assertThat(table.reads).hasValue(2);
  }

  @Test
  void aReadThatRacedWithARecordingIsNotKept() {
    guard.departed("X");
    clock.ms += 30_000;
    // a request reads the table (without TUE) while this node records TUE's departure
    table.duringRead =
        () -> {
          table.duringRead = () -> {};
          guard.recorded("TUE");
          table.rows.add("TUE");
        };
    assertThat(guard.departed("TUE")).isTrue();

    int reads = table.reads.get();
    assertThat(guard.departed("TUE")).isTrue();
    assertThat(table.reads.get()).isEqualTo(reads + 1);
  }
}
