package org.ccpfhir.security.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Default handler for throwables nobody caught: a {@link VirtualMachineError} (out of memory,
 * internal error) leaves the JVM in an unknown state — Tomcat's acceptor, the audit writer and the
 * schedulers may be dead while the process lives on and answers nothing — so the process halts and
 * its supervisor restarts it. This is the fallback for a JVM started without {@code
 * -XX:+ExitOnOutOfMemoryError}. Anything else is logged (class only: messages may carry client
 * values); another {@link Error} also turns {@link VitalTasks} DOWN (a runtime exception ends only
 * its thread, which its pool replaces).
 */
final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(FatalErrorHandler.class);

  /** Exit status after a virtual machine error (as with ExitOnOutOfMemoryError: non-zero). */
  static final int HALT_STATUS = 3;

  private final VitalTasks vital;
  private final Runnable halt;

  FatalErrorHandler(VitalTasks vital, Runnable halt) {
    this.vital = vital;
    this.halt = halt;
  }

  static FatalErrorHandler halting(VitalTasks vital) {
    return new FatalErrorHandler(vital, () -> Runtime.getRuntime().halt(HALT_STATUS));
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    if (error instanceof VirtualMachineError) {
      try {
        // no logging framework: it may need memory there is none of
        System.err.println(
            "FATAL: "
                + error.getClass().getName()
                + " in thread "
                + thread.getName()
                + "; halting");
      } finally {
        halt.run();
      }
      return;
    }
    if (error instanceof Error) {
      vital.threadDied(thread.getName());
    }
    log.error("thread {} died: {}", thread.getName(), error.getClass().getName());
  }
}
