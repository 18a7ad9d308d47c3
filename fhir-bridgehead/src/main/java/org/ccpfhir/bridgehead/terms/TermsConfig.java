package org.ccpfhir.bridgehead.terms;

import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Terms of use (README "Terms of use"). */
@Configuration
@EnableConfigurationProperties(TermsProperties.class)
public class TermsConfig {

  @Bean
  public static OwnSchema termsSchema() {
    return TermsAcceptances.SCHEMA;
  }

  @Bean
  public TermsAcceptances termsAcceptances(DataSource dataSource) {
    return new TermsAcceptances(dataSource, Clock.systemUTC());
  }

  @Bean
  public TermsOfUse termsOfUse(
      TermsProperties properties, TermsAcceptances acceptances, DecisionAuditor auditor) {
    return new TermsOfUse(properties, acceptances, auditor);
  }

  @Bean
  public TermsGate termsGate(TermsOfUse terms) {
    return new TermsGate(terms);
  }
}
