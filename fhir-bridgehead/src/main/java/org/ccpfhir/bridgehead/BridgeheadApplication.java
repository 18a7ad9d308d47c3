package org.ccpfhir.bridgehead;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of a site's bridgehead. */
@SpringBootApplication
public class BridgeheadApplication {

  public static void main(String[] args) {
    SpringApplication.run(BridgeheadApplication.class, args);
  }
}
