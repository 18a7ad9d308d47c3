package org.ccpfhir.security.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as a structured (JSON) encoder may see it: the message without the texts of the
 * exception logged with it, the exception without its messages, no raw arguments. Structured
 * formats (ECS, Logstash, GELF) write the message, the exception's message and its stack trace as
 * members of their own, past the pattern converters of {@code logback-spring.xml}.
 */
record ClientSafeEvent(ILoggingEvent original) implements ILoggingEvent {

  @Override
  public String getFormattedMessage() {
    return ClientSafeMessageConverter.redact(original);
  }

  @Override
  public String getMessage() {
    return getFormattedMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    IThrowableProxy thrown = original.getThrowableProxy();
    return thrown == null ? null : new ClientSafeThrowableConverter.Redacted(thrown);
  }

  @Override
  public String getThreadName() {
    return original.getThreadName();
  }

  @Override
  public Level getLevel() {
    return original.getLevel();
  }

  @Override
  public String getLoggerName() {
    return original.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return original.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return original.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return original.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return original.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return original.getMDCPropertyMap();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return original.getMdc();
  }

  @Override
  public long getTimeStamp() {
    return original.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return original.getNanoseconds();
  }

  @Override
  public long getSequenceNumber() {
    return original.getSequenceNumber();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return original.getKeyValuePairs();
  }

  @Override
  public void prepareForDeferredProcessing() {
    original.prepareForDeferredProcessing();
  }
}
