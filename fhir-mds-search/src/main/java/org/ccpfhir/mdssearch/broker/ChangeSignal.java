package org.ccpfhir.mdssearch.broker;

import java.util.concurrent.TimeUnit;

/**
 * Wakes waiting long-polls when a site Task changes. A generation counter rather than a bare
 * notify, so a change between a poll's query and its wait is never lost.
 */
final class ChangeSignal {

  private long generation;

  synchronized long generation() {
    return generation;
  }

  synchronized void changed() {
    generation++;
    notifyAll();
  }

  /** Waits until the generation moves past {@code seen} or the deadline passes. */
  synchronized void awaitAfter(long seen, long deadlineNanos) throws InterruptedException {
    while (generation == seen) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
