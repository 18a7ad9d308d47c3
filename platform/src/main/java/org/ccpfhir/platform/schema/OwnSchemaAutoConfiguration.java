package org.ccpfhir.platform.schema;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts {@link OwnSchemaMigration} into every app that has this library. */
@AutoConfiguration
public class OwnSchemaAutoConfiguration {

  // static: a post-processor must exist before the beans it processes
  @Bean
  public static OwnSchemaMigration ownSchemaMigration() {
    return new OwnSchemaMigration();
  }
}
