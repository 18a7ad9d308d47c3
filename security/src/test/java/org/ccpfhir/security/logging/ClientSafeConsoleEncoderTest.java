package org.ccpfhir.security.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

class ClientSafeConsoleEncoderTest {

  private static final Exception THROWN =
      new IllegalArgumentException(
          "Unknown search parameter \"Zwiebelmeier\"",
          new NumberFormatException("For input string: \"Zwiebelmeier\""));

  @Test
  void structuredJsonCarriesNeitherTheExceptionTextNorItsEchoInTheMessage() {
    String json = encode("ecs");

    assertThat(json)
        .doesNotContain("Zwiebelmeier")
        .contains("\"message\":\"request failed: java.lang.IllegalArgumentException: ")
        .contains("java.lang.IllegalArgumentException")
        .contains("java.lang.NumberFormatException")
        .contains("ClientSafeConsoleEncoderTest");
  }

  @Test
  void withoutAStructuredFormatThePatternIsUsed() {
    String text = encode("");

    // the pattern's own converters drop client values (ClientSafeThrowableConverterTest)
    assertThat(text).startsWith("ERROR request failed: java.lang.IllegalArgumentException");
  }

  private static String encode(String format) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putObject(Environment.class.getName(), new MockEnvironment());
    ClientSafeConsoleEncoder encoder = new ClientSafeConsoleEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %m%n");
    encoder.setStructuredFormat(format);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "test",
            context.getLogger("test"),
            Level.ERROR,
            "request failed: " + THROWN,
            THROWN,
            null);
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
