package org.ccpfhir.security.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * The log message without the text of the exception logged with it: libraries write an exception's
 * {@code toString()} into the message as well (HAPI: {@code "Failure during REST processing: " +
 * e}), and exception messages echo client input. Each message of the exception chain is replaced
 * where it occurs; {@link ClientSafeThrowableConverter} prints the exception itself. Replaces
 * {@code %m} in {@code logback-spring.xml}.
 */
public class ClientSafeMessageConverter extends MessageConverter {

  private static final int MAX_CHAIN = 32;

  @Override
  public String convert(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    return redact(event);
  }

  /** The event's formatted message without the texts of the exception logged with it. */
  static String redact(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message == null || event.getThrowableProxy() == null) {
      return message;
    }
    return redact(message, event.getThrowableProxy(), 0);
  }

  private static String redact(String message, IThrowableProxy thrown, int depth) {
    if (thrown == null || depth > MAX_CHAIN) {
      return message;
    }
    String own = thrown.getMessage();
    String redacted = message;
    if (own != null && !own.isEmpty()) {
      redacted = redacted.replace(own, ClientSafeThrowableConverter.redact(own));
    }
    IThrowableProxy[] suppressed = thrown.getSuppressed();
    if (suppressed != null) {
      for (IThrowableProxy each : suppressed) {
        redacted = redact(redacted, each, depth + 1);
      }
    }
    return redact(redacted, thrown.getCause(), depth + 1);
  }
}
