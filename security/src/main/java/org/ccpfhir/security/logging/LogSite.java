package org.ccpfhir.security.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;

/**
 * Which site wrote a log line when several sites' applications share one JVM and so one log (the
 * demo's bridgeheads, {@code SitesLauncher}): each site's context is started by a thread of the
 * site's {@link #threadGroup(String) thread group}, and the threads it creates — Tomcat's request
 * threads, schedulers, pools — are created in that group too (a thread without an explicit group
 * joins its creator's). A thread group rather than the MDC: the MDC is not inherited, so the
 * scheduled and pooled threads of a site would write lines without it. Lines of threads shared by
 * all sites (the JVM's common pool) and of an app alone in its JVM carry nothing.
 *
 * <p>The conversion word {@code %ccpSite} ({@code logback-spring.xml}) writes {@code [HD] } or
 * nothing; the demo puts it into Spring Boot's pattern with {@code logging.pattern.correlation}.
 */
public final class LogSite extends ClassicConverter {

  /** A site's thread group; its threads' lines carry the site. */
  static final class SiteGroup extends ThreadGroup {
    final String site;

    SiteGroup(String site) {
      super("site-" + site);
      this.site = site;
    }
  }

  /** A new thread group whose threads (and the threads they create) log as {@code site}. */
  public static ThreadGroup threadGroup(String site) {
    return new SiteGroup(site);
  }

  /** The site of the current thread's group (or a parent group), or null. */
  public static String current() {
    for (ThreadGroup group = Thread.currentThread().getThreadGroup();
        group != null;
        group = group.getParent()) {
      if (group instanceof SiteGroup siteGroup) {
        return siteGroup.site;
      }
    }
    return null;
  }

  /**
   * Formatting runs on the logging thread (the console appender is synchronous), so the current
   * thread is the one that logged.
   */
  @Override
  public String convert(ILoggingEvent event) {
    String site = current();
    return site == null ? CoreConstants.EMPTY_STRING : "[" + site + "] ";
  }
}
