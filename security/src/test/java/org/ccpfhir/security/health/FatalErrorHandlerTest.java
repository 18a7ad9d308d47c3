package org.ccpfhir.security.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class FatalErrorHandlerTest {

  @Test
  void aVirtualMachineErrorHaltsAndOtherErrorsTurnHealthDown() {
    VitalTasks vital = new VitalTasks();
    AtomicBoolean halted = new AtomicBoolean();
    FatalErrorHandler handler = new FatalErrorHandler(vital, () -> halted.set(true));
    handler.uncaughtException(new Thread("worker"), new IllegalStateException("x"));
    assertThat(halted).isFalse();
    assertThat(vital.health().getStatus()).isEqualTo(Status.UP);
    handler.uncaughtException(new Thread("loader"), new NoClassDefFoundError("x"));
    assertThat(vital.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(vital.health().getDetails()).containsKey("loader");
    handler.uncaughtException(new Thread("http-nio-acceptor"), new OutOfMemoryError("test"));
    assertThat(halted).isTrue();
  }

  @Test
  void aPeriodicTaskThatStoppedTurnsHealthDown() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      VitalTasks vital = new VitalTasks();
      AtomicBoolean fail = new AtomicBoolean();
      ScheduledFuture<?> task =
          scheduler.scheduleWithFixedDelay(
              () -> {
                if (fail.get()) {
                  throw new IllegalStateException("stopped");
                }
              },
              0,
              10,
              TimeUnit.MILLISECONDS);
      vital.watch("writer", task);
      assertThat(vital.health().getStatus()).isEqualTo(Status.UP);
      fail.set(true);
      for (int i = 0; i < 200 && !task.isDone(); i++) {
        Thread.sleep(10);
      }
      assertThat(vital.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(vital.health().getDetails()).containsEntry("writer", "stopped");
    } finally {
      scheduler.shutdownNow();
    }
  }
}
