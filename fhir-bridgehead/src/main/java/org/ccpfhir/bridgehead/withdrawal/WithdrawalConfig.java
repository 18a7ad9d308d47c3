package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.expunge.ExpungeService;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.pseudonym.IdentityNetworkProperties;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.bridgehead.pseudonym.PseudonymService;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.bridgehead.upload.UploadProperties;
import org.ccpfhir.bridgehead.upload.UploadRunner;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.bridgehead.withdrawal.persistence.PseudonymReplacements;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.bridgehead.withdrawal.provider.PseudonymReplacementOperationProvider;
import org.ccpfhir.bridgehead.withdrawal.provider.WithdrawalOperationProvider;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.tls.ComponentTls;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires withdrawals. The calls to the MDS database and the central list need this bridgehead's
 * certificate (mutual TLS); without it, a step that needs them waits (and is retried).
 */
@Configuration
@EnableConfigurationProperties(WithdrawalProperties.class)
public class WithdrawalConfig {

  @Bean
  public static OwnSchema withdrawalSchema() {
    return WithdrawalRepository.SCHEMA;
  }

  @Bean
  public WithdrawalRepository withdrawalRepository(DataSource dataSource) {
    return new WithdrawalRepository(dataSource, Clock.systemUTC());
  }

  @Bean
  public PseudonymReplacements pseudonymReplacements(DataSource dataSource) {
    return new PseudonymReplacements(dataSource, Clock.systemUTC());
  }

  @Bean
  public PseudonymReplacementOperationProvider pseudonymReplacementOperationProvider(
      PseudonymReplacements replacements,
      WithdrawalRepository withdrawals,
      LocalPatientListProperties site,
      DecisionAuditor auditor) {
    return new PseudonymReplacementOperationProvider(
        replacements, withdrawals, site.site(), auditor);
  }

  @Bean
  public NetworkWithdrawal networkWithdrawal(
      ObjectProvider<ComponentTls> tls,
      ObjectProvider<MdsPseudonyms> pseudonyms,
      UploadProperties upload,
      IdentityNetworkProperties network,
      FhirContext fhir) {
    ComponentTls ours = tls.getIfAvailable();
    return new NetworkWithdrawal(
        ours == null
            ? null
            : new ComponentClient(ours.httpClient(upload.timeout()), fhir, upload.timeout()),
        upload.mdsUrl(),
        network.centralListUrl(),
        pseudonyms.getIfAvailable(),
        ours == null ? null : ours.credential(),
        fhir);
  }

  @Bean
  public WithdrawalService withdrawalService(
      WithdrawalRepository withdrawals,
      NetworkWithdrawal network,
      DaoRegistry daos,
      IFhirSystemDao<Bundle, ?> systemDao,
      ExpungeService expunge,
      FhirContext fhir,
      UploadRunner uploads,
      UploadStateRepository uploadStates,
      ConsentKinds consentKinds,
      PseudonymService pseudonyms,
      LocalPatientList localList,
      ProjectPseudonyms projects,
      PseudonymRegistry registry,
      LocalPatientListProperties site,
      WithdrawalProperties properties,
      DecisionAuditor auditor,
      PseudonymReplacements replacements) {
    WithdrawalCascade cascade =
        new WithdrawalCascade(
            withdrawals,
            new SiteStore(daos, systemDao, expunge, fhir),
            network,
            new WithdrawalCascade.Locals(
                uploads,
                uploadStates,
                consentKinds,
                pseudonyms,
                localList,
                projects,
                PseudonymSystems.of(site.localDomain()),
                PseudonymSystems.of("BK-" + site.site() + "-G")),
            auditor,
            replacements);
    return new WithdrawalService(
        withdrawals, cascade, network, localList, registry, properties, auditor, Clock.systemUTC());
  }

  @Bean
  public WithdrawalOperationProvider withdrawalOperationProvider(
      WithdrawalService service, LocalPatientListProperties site) {
    return new WithdrawalOperationProvider(service, site.site());
  }

  @Bean
  public WithdrawalMetrics withdrawalMetrics(WithdrawalRepository withdrawals) {
    return new WithdrawalMetrics(withdrawals, Clock.systemUTC());
  }
}
