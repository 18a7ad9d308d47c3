package org.ccpfhir.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain HAPI JPA R4 server: HAPI's default storage settings, no profile validation, no
 * interceptors. It is the yardstick the bridgehead's ingest is measured against, so it must stay
 * untuned.
 */
@SpringBootApplication
public class BaselineApplication {

  public static void main(String[] args) {
    SpringApplication.run(BaselineApplication.class, args);
  }
}
