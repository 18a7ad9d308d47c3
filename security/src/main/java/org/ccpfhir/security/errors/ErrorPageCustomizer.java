package org.ccpfhir.security.errors;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts {@link OperationOutcomeErrorValve} in place of every error report valve of the host (Spring
 * Boot adds one of its own): the host's valves are final once the host has started, which is before
 * its context starts.
 */
public class ErrorPageCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(OperationOutcomeErrorValve.class.getName());
          }
          context.addLifecycleListener(
              event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                  replaceValves(context.getParent());
                }
              });
        });
  }

  private static void replaceValves(Container host) {
    boolean present = false;
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof OperationOutcomeErrorValve) {
        present = true;
      } else if (valve instanceof ErrorReportValve) {
        host.getPipeline().removeValve(valve);
      }
    }
    if (!present) {
      host.getPipeline().addValve(new OperationOutcomeErrorValve());
    }
  }
}
