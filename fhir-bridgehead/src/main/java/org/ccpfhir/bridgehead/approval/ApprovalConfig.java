package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.ccpfhir.bridgehead.searchagent.DecisionSender;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.disclosure.RecordKeys;
import org.ccpfhir.platform.SecretFiles;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.security.health.VitalTasks;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Approval of decentralized searches: the API, the sealing of results, the automatic rule. */
@Configuration
@EnableConfigurationProperties(ApprovalProperties.class)
public class ApprovalConfig {

  /** Results are signed with the site's network certificate: without TLS nothing is released. */
  @Bean
  public DecisionSender.Sealer searchResultSealer(
      ObjectProvider<ComponentTls> tls, FhirContext fhirContext) {
    return request -> {
      ComponentTls site = tls.getIfAvailable();
      if (site == null) {
        throw new IllegalStateException("results are sealed with the site certificate (ccp.tls)");
      }
      return new ResultSealer(site.credential(), fhirContext).seal(request);
    };
  }

  @Bean
  public ApprovalService approvalService(
      SearchAgentRepository repository,
      ObjectProvider<DecisionSender> sender,
      ApprovalProperties properties) {
    RecordKeys keys =
        new RecordKeys(
            SecretFiles.readOrCreate(properties.cellKey(), properties.cellKeyFile(), 32));
    return new ApprovalService(
        repository, sender.getIfAvailable(), properties, keys, Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  public AutoRejectRule autoRejectRule(
      ApprovalService service,
      SearchAgentRepository repository,
      ApprovalProperties properties,
      AuditRecorder audit,
      VitalTasks vital) {
    AutoRejectRule rule =
        new AutoRejectRule(service, repository, properties, audit, Clock.systemUTC());
    if (properties.autoRejectAfter() != null) {
      vital.watch("approval-auto-rule", rule.start(properties.autoRuleInterval()));
    }
    return rule;
  }

  @Bean
  public ApprovalOperationProvider approvalOperationProvider(
      ApprovalService service, DaoRegistry daoRegistry, UnitVisibility visibility) {
    return new ApprovalOperationProvider(service, new MatchView(daoRegistry, visibility));
  }

  /** Writes the {@code $search-requests} listing as JSON in one pass (HAPI's encoder otherwise). */
  @Bean
  public ListingJsonWriter listingJsonWriter() {
    return new ListingJsonWriter();
  }
}
