package org.ccpfhir.bridgehead;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of a site's bridgehead. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeheadApplication {

  public static void main(String[] args) {
    SpringApplication.run(BridgeheadApplication.class, args);
  }
}
