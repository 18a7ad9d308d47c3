package org.ccpfhir.security.health;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the threads a component cannot work without (audit writer, schedulers, pollers): the
 * component is DOWN as soon as one of them has stopped, so that a supervisor or load balancer takes
 * it out instead of sending it requests it can only half serve. Also DOWN after any thread died of
 * an uncaught {@link Error} ({@link FatalErrorHandler}).
 *
 * <p>A periodic task ({@code scheduleWithFixedDelay}) whose run throws is never run again and its
 * future is done: that is how a dead scheduler shows here.
 */
public class VitalTasks implements HealthIndicator {

  private final Map<String, BooleanSupplier> running = new ConcurrentHashMap<>();
  private final Set<String> diedThreads = ConcurrentHashMap.newKeySet();

  /** Watches a periodic task: vital while its future is not done. */
  public void watch(String name, Future<?> periodic) {
    running.put(name, () -> !periodic.isDone());
  }

  /** Watches a long-running thread: vital while it is alive. */
  public void watch(String name, Thread thread) {
    running.put(name, thread::isAlive);
  }

  /** Watches anything that can say whether it still runs. */
  public void watch(String name, BooleanSupplier alive) {
    running.put(name, alive);
  }

  /** Records that a thread ended with an uncaught error. */
  void threadDied(String threadName) {
    diedThreads.add(threadName);
  }

  @Override
  public Health health() {
    Map<String, Object> stopped = new java.util.TreeMap<>();
    running.forEach(
        (name, alive) -> {
          if (!alive.getAsBoolean()) {
            stopped.put(name, "stopped");
          }
        });
    diedThreads.forEach(name -> stopped.put(name, "died of an uncaught error"));
    return stopped.isEmpty()
        ? Health.up().withDetail("watched", running.size()).build()
        : Health.down().withDetails(stopped).build();
  }
}
