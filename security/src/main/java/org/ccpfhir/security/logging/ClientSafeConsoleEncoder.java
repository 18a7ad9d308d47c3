package org.ccpfhir.security.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder of every app: Spring Boot's log pattern (whose converters drop client values,
 * see {@code logback-spring.xml}), or, with {@code logging.structured.format.console} set, Spring
 * Boot's structured JSON of the same event with client values dropped ({@link ClientSafeEvent}).
 * One encoder for both because a custom logback configuration otherwise has to choose one.
 */
public class ClientSafeConsoleEncoder extends EncoderBase<ILoggingEvent> {

  private String pattern;
  private String structuredFormat;
  private Charset charset;
  private Encoder<ILoggingEvent> delegate;
  private boolean structured;

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** Empty for the pattern; otherwise a format of Spring Boot's structured logging (ecs, …). */
  public void setStructuredFormat(String structuredFormat) {
    this.structuredFormat = structuredFormat;
  }

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  @Override
  public void start() {
    structured = structuredFormat != null && !structuredFormat.isBlank();
    if (structured) {
      StructuredLogEncoder json = new StructuredLogEncoder();
      json.setContext(getContext());
      json.setFormat(structuredFormat);
      if (charset != null) {
        json.setCharset(charset);
      }
      json.start();
      delegate = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(getContext());
      text.setPattern(pattern);
      text.setCharset(charset);
      text.start();
      delegate = text;
    }
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(structured ? new ClientSafeEvent(event) : event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
