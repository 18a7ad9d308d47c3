package org.ccpfhir.bridgehead.terminology;

import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The terminology loader's own table (the state of the last complete load). */
@Configuration
public class TerminologyStoreConfig {

  @Bean
  public static OwnSchema terminologyStoreSchema() {
    return TerminologyStoreLoader.SCHEMA;
  }
}
