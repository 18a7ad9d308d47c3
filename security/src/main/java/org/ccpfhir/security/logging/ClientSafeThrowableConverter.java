package org.ccpfhir.security.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import java.util.Arrays;

/**
 * Prints a logged exception without its messages: exception messages echo what a client sent (a
 * search value, an id, a name in a parse error), and libraries log them unasked (HAPI's 5xx
 * handler, Tomcat's request parser). Each exception of the chain keeps its class, stack frames and
 * — for HAPI — the message code ({@code HAPI-1821}), which is enough to find the cause. Replaces
 * Spring Boot's {@code %wEx} in {@code logback-spring.xml}, so every pattern uses it.
 */
public class ClientSafeThrowableConverter extends ThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null) {
      return CoreConstants.EMPTY_STRING;
    }
    // a line break first, as Spring Boot's %wEx
    return CoreConstants.LINE_SEPARATOR + throwableProxyToString(new Redacted(thrown));
  }

  /** The message logged instead of the exception's own: its HAPI code, or nothing. */
  static String redact(String message) {
    if (message == null) {
      return null;
    }
    String code = SafeLog.hapiCode(message);
    return code != null ? code + " (message not logged)" : "(message not logged)";
  }

  /** An exception as it may be logged: messages replaced by {@link #redact(String)}. */
  record Redacted(IThrowableProxy original) implements IThrowableProxy {

    @Override
    public String getMessage() {
      return redact(original.getMessage());
    }

    @Override
    public String getOverridingMessage() {
      return null;
    }

    @Override
    public String getClassName() {
      return original.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return original.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return original.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return original.getCause() == null ? null : new Redacted(original.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = original.getSuppressed();
      return suppressed == null
          ? null
          : Arrays.stream(suppressed).map(Redacted::new).toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
      return original.isCyclic();
    }
  }
}
