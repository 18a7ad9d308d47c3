package org.ccpfhir.security.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-up failure report for {@link MissingSettingsException}: what, and how. */
public class MissingSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
    StringBuilder description =
        new StringBuilder("This component has no production configuration. Missing:\n");
    cause.missing().forEach(line -> description.append("  - ").append(line).append('\n'));
    return new FailureAnalysis(
        description.toString(),
        "Set these properties (the module README lists every property under \"Production"
            + " configuration\"), or start with --spring.profiles.active=demo for the demo"
            + " network with its demo users and CA.",
        cause);
  }
}
