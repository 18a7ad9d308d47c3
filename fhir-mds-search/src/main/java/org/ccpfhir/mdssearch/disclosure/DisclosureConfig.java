package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.security.audit.AuditRecorder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The disclosure policy, the persisted budgets and release records, and the release audit. */
@Configuration
@EnableConfigurationProperties(DisclosureProperties.class)
public class DisclosureConfig {

  @Bean
  public QueryBudget queryBudget(
      DataSource dataSource, DisclosureProperties properties, Clock clock) {
    // the budget and release tables are the store's schema (MdsRecordRepository.SCHEMA)
    return new QueryBudget(dataSource, properties, clock);
  }

  @Bean
  public DisclosurePolicy disclosurePolicy(DisclosureProperties properties) {
    return new DisclosurePolicy(properties);
  }

  @Bean
  public ReleaseAuditor releaseAuditor(AuditRecorder recorder, Clock clock) {
    return new ReleaseAuditor(recorder, clock);
  }
}
