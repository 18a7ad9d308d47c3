package org.ccpfhir.mdssearch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the fhir-mds-search application. */
@SpringBootApplication
public class MdsSearchApplication {

  public static void main(String[] args) {
    SpringApplication.run(MdsSearchApplication.class, args);
  }
}
