package org.ccpfhir.security.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClientSafeThrowableConverterTest {

  @Test
  void aLoggedExceptionKeepsClassesFramesAndHapiCodesButNoMessage() {
    Exception thrown =
        new IllegalStateException(
            "wrapping Zwiebelmeier",
            new InvalidRequestException("HAPI-1821: Invalid attribute value \"Zwiebelmeier\""));
    thrown.addSuppressed(new IOException("Zwiebelmeier again"));
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            "test", context.getLogger("test"), Level.ERROR, "request failed", thrown, null);
    ClientSafeThrowableConverter converter = new ClientSafeThrowableConverter();
    converter.setContext(context);
    converter.start();

    String text = converter.convert(event);

    assertThat(text)
        .doesNotContain("Zwiebelmeier")
        .contains(
            "java.lang.IllegalStateException: (message not logged)",
            "Caused by: ca.uhn.fhir.rest.server.exceptions.InvalidRequestException: HAPI-1821",
            "Suppressed: java.io.IOException",
            "at org.ccpfhir.security.logging.ClientSafeThrowableConverterTest");
  }

  @Test
  void theMessageLosesTheExceptionTextWrittenIntoIt() {
    Exception thrown =
        new IllegalArgumentException(
            "java.lang.NumberFormatException: For input string: \"Zwiebelmeier\"",
            new NumberFormatException("For input string: \"Zwiebelmeier\""));
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            "test",
            context.getLogger("test"),
            Level.ERROR,
            "Failure during REST processing: " + thrown,
            thrown,
            null);

    String text = new ClientSafeMessageConverter().convert(event);

    assertThat(text)
        .doesNotContain("Zwiebelmeier")
        .startsWith("Failure during REST processing: java.lang.IllegalArgumentException: ");
  }

  @Test
  void safeLogDescribesAnExceptionByClassStatusAndCode() {
    assertThat(
            SafeLog.describe(
                new IllegalStateException(
                    "Zwiebelmeier",
                    new InvalidRequestException("HAPI-1821: value \"Zwiebelmeier\""))))
        .isEqualTo("IllegalStateException caused by InvalidRequestException (HTTP 400, HAPI-1821)");
    assertThat(SafeLog.describe(new InvalidRequestException("Zwiebelmeier")))
        .isEqualTo("InvalidRequestException (HTTP 400)");
    assertThat(SafeLog.describe(new RuntimeException("Zwiebelmeier")))
        .isEqualTo("RuntimeException");
  }
}
