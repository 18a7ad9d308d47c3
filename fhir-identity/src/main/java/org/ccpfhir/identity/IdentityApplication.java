package org.ccpfhir.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of the fhir-identity application: the control-number generator (profile {@code
 * generator}) or the central patient list (profile {@code central-list}). Its configuration is
 * {@code fhir-identity.yml} rather than {@code application.yml}, so that it can run beside a
 * bridgehead in one JVM (network-tests) without either reading the other's settings.
 */
@SpringBootApplication
public class IdentityApplication {

  public static final String CONFIG_NAME = "fhir-identity";

  public static void main(String[] args) {
    builder().run(args);
  }

  /** The application with its own configuration name; tests add sources and properties. */
  public static SpringApplicationBuilder builder(Class<?>... extraSources) {
    return new SpringApplicationBuilder(IdentityApplication.class)
        .sources(extraSources)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
