package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.identity.central.CentralListRepository;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.central.PartnerDepartures;
import org.ccpfhir.identity.central.SubjectFacts;
import org.ccpfhir.identity.central.WithdrawalCases;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.fhir.DepartedSiteGuard;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The central patient list role, when {@code ccp.central-list.enabled}. */
@Configuration
@EnableConfigurationProperties(CentralListProperties.class)
@ConditionalOnProperty(name = "ccp.central-list.enabled", havingValue = "true")
public class CentralListConfig {

  @Bean
  public static OwnSchema centralListSchema() {
    return CentralListRepository.SCHEMA;
  }

  @Bean
  public static OwnSchema centralPseudonymSchema() {
    return PseudonymRegistry.SCHEMA;
  }

  @Bean
  public static OwnSchema centralProjectPseudonymSchema() {
    return ProjectPseudonyms.SCHEMA;
  }

  @Bean
  public static OwnSchema reEncryptionSchema() {
    return ReEncryption.SCHEMA;
  }

  @Bean
  public PseudonymRegistry centralPseudonymRegistry(DataSource dataSource) {
    return new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
  }

  @Bean
  public CentralPatientList centralPatientList(
      DataSource dataSource, CentralListProperties properties, PseudonymRegistry registry) {
    return new CentralPatientList(
        new CentralListRepository(dataSource),
        new LshBlockingIndex(properties.lshBands(), properties.lshRows(), properties.lshSeed()),
        new ControlNumberMatcher(properties.matchThreshold(), properties.possibleMatchThreshold()),
        registry,
        properties.ticketTtl(),
        Clock.systemUTC());
  }

  @Bean
  public TicketOperationProvider ticketOperationProvider(CentralPatientList list) {
    return new TicketOperationProvider(list);
  }

  @Bean
  public LinkageReviewOperationProvider linkageReviewOperationProvider(CentralPatientList list) {
    return new LinkageReviewOperationProvider(list);
  }

  @Bean
  public ProjectPseudonyms centralProjectPseudonyms(
      DataSource dataSource, PseudonymRegistry registry) {
    return new ProjectPseudonyms(dataSource, registry, Clock.systemUTC());
  }

  @Bean
  public ProjectPseudonymOperationProvider projectPseudonymOperationProvider(
      CentralPatientList list, ProjectPseudonyms projects) {
    return new ProjectPseudonymOperationProvider(list, projects);
  }

  @Bean
  public static OwnSchema withdrawalCaseSchema() {
    return WithdrawalCases.SCHEMA;
  }

  @Bean
  public WithdrawalCases withdrawalCases(DataSource dataSource) {
    return new WithdrawalCases(dataSource, Clock.systemUTC());
  }

  @Bean
  public CentralWithdrawalOperationProvider withdrawalOperationProvider(
      CentralPatientList list,
      ProjectPseudonyms projects,
      ReEncryption reEncryption,
      WithdrawalCases cases) {
    return new CentralWithdrawalOperationProvider(list, projects, reEncryption, cases);
  }

  @Bean
  public WithdrawalNoticeOperationProvider withdrawalNoticeOperationProvider(
      WithdrawalCases cases) {
    return new WithdrawalNoticeOperationProvider(cases);
  }

  @Bean
  public PartnerDepartures partnerDepartures(
      DataSource dataSource,
      CentralPatientList list,
      ProjectPseudonyms projects,
      ReEncryption reEncryption,
      CentralListProperties properties) {
    CentralListProperties.Target mds =
        properties.reencryptTargets().get(PartnerDepartureOperationProvider.MDS_TARGET);
    return new PartnerDepartures(
        dataSource,
        list,
        projects,
        reEncryption,
        mds == null ? null : mds.domain(),
        Clock.systemUTC());
  }

  @Bean
  public PartnerDepartureOperationProvider partnerDepartureOperationProvider(
      PartnerDepartures departures,
      DepartedSiteGuard guard,
      ComponentTls tls,
      CentralListProperties properties,
      FhirContext fhirContext) {
    return new PartnerDepartureOperationProvider(
        departures,
        guard,
        tls.credential(),
        tls.verifier(),
        properties.reencryptTargets().get(PartnerDepartureOperationProvider.MDS_TARGET),
        fhirContext);
  }

  /** Registered with the other FhirInterceptor beans; reads the departure cases, cached. */
  @Bean
  public DepartedSiteGuard departedSiteGuard(PartnerDepartures departures) {
    return new DepartedSiteGuard(departures, DepartedSiteGuard.DEFAULT_TTL, Clock.systemUTC());
  }

  @Bean
  public ReEncryption reEncryption(
      DataSource dataSource, PseudonymRegistry registry, ComponentTls tls) {
    return new ReEncryption(dataSource, registry, tls.credential(), Clock.systemUTC());
  }

  @Bean
  public ReencryptOperationProvider reencryptOperationProvider(
      CentralPatientList list, ReEncryption reEncryption, CentralListProperties properties) {
    return new ReencryptOperationProvider(list, reEncryption, properties.reencryptTargets());
  }

  @Bean
  public CentralSubjectDataOperationProvider subjectDataOperationProvider(
      CentralPatientList list, DataSource dataSource, ProjectPseudonyms projects) {
    return new CentralSubjectDataOperationProvider(list, new SubjectFacts(dataSource, projects));
  }
}
