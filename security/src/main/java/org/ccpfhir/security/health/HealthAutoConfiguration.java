package org.ccpfhir.security.health;

import org.ccpfhir.security.audit.AuditAutoConfiguration;
import org.ccpfhir.security.audit.AuditRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every component's {@link VitalTasks} health indicator ({@code /actuator/health} component {@code
 * vitalTasks}) with the audit writer watched when there is one, and the JVM-wide {@link
 * FatalErrorHandler}. Components watch their own schedulers by injecting {@link VitalTasks}.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class)
public class HealthAutoConfiguration {

  @Bean
  public VitalTasks vitalTasks(ObjectProvider<AuditRecorder> audit) {
    VitalTasks vital = new VitalTasks();
    audit.ifAvailable(recorder -> vital.watch("audit-writer", recorder.writerTask()));
    Thread.setDefaultUncaughtExceptionHandler(FatalErrorHandler.halting(vital));
    return vital;
  }
}
