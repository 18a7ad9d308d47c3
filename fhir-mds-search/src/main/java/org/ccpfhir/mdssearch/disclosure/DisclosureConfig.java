package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
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
      DataSource dataSource,
      DisclosureProperties properties,
      Clock clock,
      MdsRecordRepository migrated) {
    // the tables come with the store's migration (one Flyway location, db/ccp-mds)
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
