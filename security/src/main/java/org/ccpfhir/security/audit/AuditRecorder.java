package org.ccpfhir.security.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records audit entries. Requests only enqueue; one writer thread stores the queue in batches, so
 * auditing does not slow the audited request. Nothing is dropped: with a full queue the request
 * thread writes its entry itself, and closing flushes what is waiting.
 */
public class AuditRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
  private static final int BATCH = 500;

  private final AuditRepository repository;
  private final String observer;
  private final BlockingQueue<AuditEntry> queue;
  private final ScheduledExecutorService writer;
  private final ScheduledFuture<?> writerTask;
  private final List<AuditEntry> pending = new ArrayList<>();

  public AuditRecorder(
      AuditRepository repository, String observer, int capacity, long flushIntervalMillis) {
    this.repository = repository;
    this.observer = observer;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "audit-writer");
              thread.setDaemon(true);
              return thread;
            });
    this.writerTask =
        writer.scheduleWithFixedDelay(
            this::drainQuietly, flushIntervalMillis, flushIntervalMillis, TimeUnit.MILLISECONDS);
  }

  /** The periodic write; done only if it stopped (health: {@code VitalTasks}). */
  public ScheduledFuture<?> writerTask() {
    return writerTask;
  }

  public String observer() {
    return observer;
  }

  public void record(AuditEntry entry) {
    AuditEntry observed = entry.observer() == null ? entry.withObserver(observer) : entry;
    if (!queue.offer(observed)) {
      repository.insert(List.of(observed));
    }
  }

  /**
   * Stores everything recorded so far (tests, shutdown). A batch the database refuses stays pending
   * and is retried first at the next flush, so an outage delays records but loses none (as long as
   * the process lives).
   */
  public synchronized void flush() {
    if (!pending.isEmpty()) {
      repository.insert(pending);
      pending.clear();
    }
    List<AuditEntry> batch = new ArrayList<>(BATCH);
    while (queue.drainTo(batch, BATCH) > 0) {
      try {
        repository.insert(batch);
      } catch (RuntimeException e) {
        pending.addAll(batch);
        throw e;
      }
      batch.clear();
    }
  }

  private void drainQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.error(
          "audit records could not be stored ({} waiting, retried): {}",
          pending.size(),
          SafeLog.describe(e));
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    flush();
  }
}
