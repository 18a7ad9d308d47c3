package org.ccpfhir.bridgehead.subjectaccess;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.pseudonym.IdentityNetworkProperties;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.bridgehead.upload.UploadProperties;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.retention.RetentionPolicy;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires access requests. The MDS database is asked only when the upload is configured (its URL and
 * the bridgehead's certificate), the central patient list only when its URL is; otherwise the
 * export says so.
 */
@Configuration
@EnableConfigurationProperties(AccessRequestProperties.class)
public class AccessRequestConfig {

  @Bean
  public static OwnSchema accessRequestSchema() {
    return AccessRequestRepository.SCHEMA;
  }

  @Bean
  public AccessRequestRepository accessRequestRepository(DataSource dataSource) {
    return new AccessRequestRepository(dataSource);
  }

  /** Cases and their exports are kept only for the retention, then purged (audited). */
  @Bean
  public RetentionPolicy accessRequestRetention(
      AccessRequestRepository cases, AccessRequestProperties properties) {
    return new RetentionPolicy(
        "access-requests",
        "access-request cases and exports",
        properties.retention(),
        cases::deleteCreatedBefore);
  }

  @Bean
  public AccessRequestService accessRequestService(
      AccessRequestRepository cases,
      LocalPatientList localList,
      LocalPatientListProperties localProperties,
      ProjectPseudonyms projectPseudonyms,
      DaoRegistry daos,
      FhirContext fhir,
      ISearchParamRegistry searchParameters,
      UploadStateRepository uploads,
      UploadProperties upload,
      IdentityNetworkProperties network,
      ObjectProvider<MdsPseudonyms> mdsPseudonyms,
      ObjectProvider<ComponentTls> tls,
      UnitVisibility visibility) {
    String localSystem = PseudonymSystems.of(localProperties.localDomain());
    return new AccessRequestService(
        new AccessRequestService.AccessRequestParts(
            localList,
            localSystem,
            localProperties.site(),
            new SiteStoreReader(daos, fhir, searchParameters, visibility::forCurrentCaller),
            new PseudonymFacts(projectPseudonyms, uploads, localProperties.site()),
            mdsClient(upload, mdsPseudonyms.getIfAvailable(), tls.getIfAvailable(), fhir),
            centralListClient(network, tls.getIfAvailable(), fhir),
            cases,
            new CaseNumbers(new SecureRandom()),
            fhir),
        Clock.systemUTC());
  }

  @Bean
  public AccessRequestOperationProvider accessRequestOperationProvider(
      AccessRequestService service, LocalPatientListProperties localProperties) {
    return new AccessRequestOperationProvider(
        service, PseudonymSystems.of(localProperties.localDomain()));
  }

  private static MdsSubjectDataClient mdsClient(
      UploadProperties upload, MdsPseudonyms pseudonyms, ComponentTls tls, FhirContext fhir) {
    if (pseudonyms == null || tls == null) {
      return null;
    }
    return new MdsSubjectDataClient(
        new ComponentClient(tls.httpClient(upload.timeout()), fhir, upload.timeout()),
        upload.mdsUrl(),
        pseudonyms);
  }

  private static CentralListSubjectDataClient centralListClient(
      IdentityNetworkProperties network, ComponentTls tls, FhirContext fhir) {
    if (network.centralListUrl() == null || tls == null) {
      return null;
    }
    return new CentralListSubjectDataClient(
        new ComponentClient(tls.httpClient(network.timeout()), fhir, network.timeout()),
        network.centralListUrl());
  }
}
