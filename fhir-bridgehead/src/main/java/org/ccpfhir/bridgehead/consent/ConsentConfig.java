package org.ccpfhir.bridgehead.consent;

import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent feature's own table (the local-upload switch); its beans are components. */
@Configuration
public class ConsentConfig {

  @Bean
  public static OwnSchema localUploadSchema() {
    return LocalUploadSetting.SCHEMA;
  }
}
