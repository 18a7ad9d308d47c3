package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.ccpfhir.security.audit.AuditRecorder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The disclosure policy, its persisted noise and budgets, and the release audit. */
@Configuration
@EnableConfigurationProperties(DisclosureProperties.class)
public class DisclosureConfig {

  @Bean
  public NoiseRepository noiseRepository(
      DataSource dataSource, Clock clock, MdsRecordRepository migrated) {
    // the tables come with the store's migration (one Flyway location, db/ccp-mds)
    return new NoiseRepository(dataSource, clock);
  }

  @Bean
  public QueryBudget queryBudget(
      DataSource dataSource,
      DisclosureProperties properties,
      Clock clock,
      MdsRecordRepository migrated) {
    return new QueryBudget(dataSource, properties, clock);
  }

  @Bean
  public DisclosurePolicy disclosurePolicy(
      DisclosureProperties properties, NoiseRepository noiseRepository) {
    return new DisclosurePolicy(properties, noiseRepository);
  }

  @Bean
  public ReleaseAuditor releaseAuditor(AuditRecorder recorder, Clock clock) {
    return new ReleaseAuditor(recorder, clock);
  }
}
