package org.ccpfhir.security.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LogSiteTest {

  @Test
  void linesOfASitesThreadAndOfThePoolsItCreatesNameTheSiteOthersNothing() throws Exception {
    PatternLayout layout = layout();
    AtomicReference<String> own = new AtomicReference<>();
    AtomicReference<String> pooled = new AtomicReference<>();
    AtomicReference<String> other = new AtomicReference<>();
    Thread hd =
        new Thread(
            LogSite.threadGroup("HD"),
            () -> {
              own.set(format(layout));
              // a pool created while the site starts (Tomcat's, a scheduler): threads made later
              ExecutorService pool = Executors.newSingleThreadExecutor();
              try {
                pooled.set(pool.submit(() -> format(layout)).get());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                pool.shutdown();
              }
            });
    Thread tue = new Thread(LogSite.threadGroup("TUE"), () -> other.set(format(layout)));
    hd.start();
    tue.start();
    hd.join();
    tue.join();

    assertThat(own.get()).isEqualTo("[HD] INFO started");
    assertThat(pooled.get()).isEqualTo("[HD] INFO started");
    assertThat(other.get()).isEqualTo("[TUE] INFO started");
    // an app alone in its JVM
    assertThat(format(layout)).isEqualTo("INFO started");
  }

  private static PatternLayout layout() {
    LoggerContext context = new LoggerContext();
    context.putObject(
        ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY,
        new java.util.HashMap<>(Map.of("ccpSite", LogSite.class.getName())));
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%ccpSite%level %m");
    layout.start();
    return layout;
  }

  private static String format(PatternLayout layout) {
    LoggerContext context = (LoggerContext) layout.getContext();
    return layout.doLayout(
        new LoggingEvent("test", context.getLogger("test"), Level.INFO, "started", null, null));
  }
}
