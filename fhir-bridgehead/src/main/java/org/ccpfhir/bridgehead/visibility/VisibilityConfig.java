package org.ccpfhir.bridgehead.visibility;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Department-scoped visibility (README "Department-scoped visibility"). */
@Configuration
@EnableConfigurationProperties(VisibilityProperties.class)
public class VisibilityConfig {

  @Bean
  public static OwnSchema visibilitySchema() {
    return ManagedGroups.SCHEMA;
  }

  @Bean
  public ManagedGroups managedGroups(DataSource dataSource) {
    return new ManagedGroups(dataSource, Clock.systemUTC());
  }
}
