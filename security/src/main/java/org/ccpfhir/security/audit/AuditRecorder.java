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
 * Records audit entries. Inside an HTTP request ({@link #openRequest}) the records the request
 * makes are held and stored together with its access record, in the request thread, before the
 * first byte of the answer leaves (§5.1: what was disclosed is on record even if the process dies
 * right after answering). Outside requests (jobs) records are queued and one writer thread stores
 * them in batches. Nothing is dropped: with a full queue the caller writes its entry itself, a
 * batch the database refuses is retried, and closing flushes what is waiting.
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
  private final ThreadLocal<RequestRecords> request = new ThreadLocal<>();

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
    AuditEntry observed = observed(entry);
    RequestRecords open = request.get();
    if (open != null) {
      open.add(observed);
    } else {
      enqueue(observed);
    }
  }

  /**
   * Opens the request scope of the calling thread: until the returned scope is closed, records made
   * in this thread wait for {@link RequestRecords#store}.
   */
  public RequestRecords openRequest() {
    RequestRecords records = new RequestRecords();
    request.set(records);
    return records;
  }

  private AuditEntry observed(AuditEntry entry) {
    return entry.observer() == null ? entry.withObserver(observer) : entry;
  }

  private void enqueue(AuditEntry observed) {
    if (!queue.offer(observed)) {
      repository.insert(List.of(observed));
    }
  }

  /** The records of one request, stored synchronously before its answer leaves. */
  public final class RequestRecords implements AutoCloseable {

    private final List<AuditEntry> held = new ArrayList<>();
    private boolean stored;

    private RequestRecords() {}

    private void add(AuditEntry entry) {
      if (stored) {
        // the answer is already leaving; store at once rather than after it has left
        try {
          repository.insert(List.of(entry));
        } catch (RuntimeException e) {
          enqueueQuietly(entry);
        }
      } else {
        held.add(entry);
      }
    }

    /**
     * Stores the held records and the request's access record in one batch, in this thread.
     *
     * @throws RuntimeException when the database refuses: the caller must withhold the answer and
     *     {@link #keep} an access record that says so; the held records go to the background
     *     writer, which retries until the database is back
     */
    public void store(AuditEntry access) {
      List<AuditEntry> batch = new ArrayList<>(held);
      batch.add(observed(access));
      stored = true;
      held.clear();
      try {
        repository.insert(batch);
      } catch (RuntimeException e) {
        batch.subList(0, batch.size() - 1).forEach(AuditRecorder.this::enqueueQuietly);
        throw e;
      }
    }

    /** Leaves a record to the background writer (after {@link #store} failed). */
    public void keep(AuditEntry entry) {
      enqueueQuietly(observed(entry));
    }

    /** Ends the scope; records held without an answer (none expected) go to the writer. */
    @Override
    public void close() {
      request.remove();
      held.forEach(AuditRecorder.this::enqueueQuietly);
      held.clear();
    }
  }

  private void enqueueQuietly(AuditEntry entry) {
    if (!queue.offer(entry)) {
      synchronized (this) {
        pending.add(entry);
      }
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
